import type { Terminal } from '@xterm/xterm';
import type { SearchAddon } from '@xterm/addon-search';

/** A live terminal tab: its xterm and what drives it. Output goes straight into `term`. */
export interface TerminalView {
  id: string;
  term: Terminal;
  search: SearchAddon;
  focus(): void;
  /** Fits the xterm to its container (a no-op while the container has no size). */
  fitNow(): void;
  /** Sends the current size to the host if it differs from what the host last heard. */
  syncSize(): void;
  /** Loads the host's scrollback again (after a reconnect) and continues from there. */
  reattach(): void;
  /**
   * Whether a shell can take input here: without one, input is off and the cursor is hidden
   * (nothing can reach a shell, so nothing should blink as if it could).
   */
  setWritable(writable: boolean): void;
  /** Whether the tab is shown: a hidden tab keeps its output instead of rendering it. */
  setVisible(visible: boolean): void;
  dispose(): void;
}

const views = new Map<string, TerminalView>();
const focusWanted = new Set<string>();

/**
 * Focuses a terminal a frame later, unless a text field took the focus meanwhile (double-clicking
 * a tab to rename it first selects the tab, which asks for the terminal's focus).
 */
function focusSoon(view: TerminalView): void {
  requestAnimationFrame(() => {
    const active = document.activeElement;
    const typing =
      (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) &&
      !active.closest('.xterm');
    if (!typing) view.focus();
  });
}

/**
 * The module-level home of every mounted xterm, keyed by terminal id (ARCHITECTURE.md §4):
 * output is written into these instances, never into React state.
 */
export const terminalRegistry = {
  get: (id: string): TerminalView | undefined => views.get(id),

  register(view: TerminalView): void {
    views.set(view.id, view);
    if (focusWanted.delete(view.id)) focusSoon(view);
  },

  unregister(view: TerminalView): void {
    if (views.get(view.id) === view) views.delete(view.id);
  },

  /** Focuses the tab's xterm now, or as soon as it mounts (a tab that was just opened). */
  focusWhenReady(id: string): void {
    const view = views.get(id);
    if (view) focusSoon(view);
    else focusWanted.add(id);
  },
};
