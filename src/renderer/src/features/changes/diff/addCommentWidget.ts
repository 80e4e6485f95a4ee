import type { editor } from 'monaco-editor/editor/editor.api';
import { monaco } from './monacoSetup';

/** The keyboard shortcut that opens a comment on the selected lines (Cmd on macOS). */
export const ADD_COMMENT_KEYS = monaco.KeyMod.CtrlCmd | monaco.KeyMod.Alt | monaco.KeyCode.KeyC;
export const ADD_COMMENT_SHORTCUT = /Mac|iPhone|iPad/.test(navigator.platform)
  ? '⌘⌥C'
  : 'Ctrl+Alt+C';

/** Where the button shows: at the start of a line of an editor, below or above it. */
export interface ButtonSpot {
  editor: editor.ICodeEditor;
  line: number;
  above: boolean;
}

/**
 * The small "Add comment" button shown by a selection, as a Monaco content widget so it moves
 * with the text. A plain DOM button: it lives in Monaco's layer, not in React's tree.
 */
export class AddCommentWidget implements editor.IContentWidget {
  readonly allowEditorOverflow = false;
  private readonly node: HTMLButtonElement;
  private spot: ButtonSpot | null = null;

  constructor(onClick: () => void) {
    this.node = document.createElement('button');
    this.node.type = 'button';
    this.node.className = 'diff-add-comment';
    this.node.title = `Add comment (${ADD_COMMENT_SHORTCUT})`;
    const icon = document.createElement('span');
    icon.className = 'codicon codicon-comment';
    icon.setAttribute('aria-hidden', 'true');
    this.node.append(icon, document.createTextNode('Add comment'));
    // Keep Monaco from treating a press as a click in the text (it would move the caret) or a
    // key as an editor command.
    for (const type of ['mousedown', 'pointerdown', 'keydown'] as const) {
      this.node.addEventListener(type, (e) => e.stopPropagation());
    }
    this.node.addEventListener('click', (e) => {
      e.stopPropagation();
      onClick();
    });
  }

  getId(): string {
    return 'berth.addCommentButton';
  }

  getDomNode(): HTMLElement {
    return this.node;
  }

  getPosition(): editor.IContentWidgetPosition | null {
    if (!this.spot) return null;
    const { BELOW, ABOVE } = monaco.editor.ContentWidgetPositionPreference;
    return {
      position: { lineNumber: this.spot.line, column: 1 },
      preference: this.spot.above ? [ABOVE, BELOW] : [BELOW, ABOVE],
    };
  }

  /** Shows the button at a spot, or hides it (null). */
  show(spot: ButtonSpot | null): void {
    const previous = this.spot;
    if (previous && spot && previous.editor === spot.editor) {
      this.spot = spot;
      spot.editor.layoutContentWidget(this);
      return;
    }
    if (previous) previous.editor.removeContentWidget(this);
    this.spot = spot;
    if (spot) spot.editor.addContentWidget(this);
  }

  dispose(): void {
    this.show(null);
  }
}
