import type { Terminal } from '@xterm/xterm';
import { useStore } from '../../store';

/**
 * Ctrl+Shift+C copies the selection, Ctrl+Shift+V pastes, Ctrl+Shift+F opens search. Plain
 * Ctrl+C and Ctrl+V stay with the shell (interrupt, literal next).
 */
export function terminalKeyHandler(
  term: Terminal,
  openSearch: () => void,
): (event: KeyboardEvent) => boolean {
  return (event) => {
    if (!event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey) return true;
    const action = actions[event.code];
    if (!action) return true;
    if (event.type === 'keydown') {
      event.preventDefault();
      action(term, openSearch);
    }
    return false;
  };
}

const actions: Record<string, (term: Terminal, openSearch: () => void) => void> = {
  KeyC: (term) => {
    const selection = term.getSelection();
    if (!selection) return;
    navigator.clipboard.writeText(selection).catch(() => clipboardRefused());
  },
  KeyV: (term) => {
    navigator.clipboard
      .readText()
      .then((text) => {
        if (text) term.paste(text);
      })
      .catch(() => clipboardRefused());
  },
  KeyF: (_term, openSearch) => openSearch(),
};

function clipboardRefused(): void {
  useStore
    .getState()
    .notify(
      'error',
      'The clipboard is not available to this window. Allow clipboard access and try again.',
    );
}
