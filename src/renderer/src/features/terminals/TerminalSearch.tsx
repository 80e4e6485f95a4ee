import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { terminalRegistry } from './terminalRegistry';

/** Find in a terminal's scrollback: Enter for the next match, Shift+Enter the previous, Esc. */
export function TerminalSearch({ terminalId, onClose }: { terminalId: string; onClose(): void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState(true);

  useEffect(() => {
    inputRef.current?.select();
  }, []);

  const find = (text: string, backwards = false, incremental = false): void => {
    const search = terminalRegistry.get(terminalId)?.search;
    if (!search || text === '') return;
    setFound(backwards ? search.findPrevious(text) : search.findNext(text, { incremental }));
  };

  const close = (): void => {
    const view = terminalRegistry.get(terminalId);
    view?.search.clearDecorations();
    view?.term.clearSelection();
    onClose();
    view?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      find(query, event.shiftKey);
    }
  };

  return (
    <div className="terminal-search" data-found={found || query === '' ? undefined : 'none'}>
      <input
        ref={inputRef}
        autoFocus
        className="input small"
        aria-label="Find in terminal"
        placeholder="Find"
        value={query}
        spellCheck={false}
        onChange={(event) => {
          setQuery(event.target.value);
          find(event.target.value, false, true);
        }}
        onKeyDown={onKeyDown}
      />
      <button
        type="button"
        className="icon-button"
        aria-label="Previous match"
        onClick={() => find(query, true)}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Next match"
        onClick={() => find(query)}
      >
        ↓
      </button>
      <button type="button" className="icon-button" aria-label="Close search" onClick={close}>
        ×
      </button>
    </div>
  );
}
