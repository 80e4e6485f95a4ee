import { useRef, useState, type KeyboardEvent } from 'react';
import type { Terminal } from '../../../../shared/contract/terminals';
import { errorMessage } from '../../lib/errorMessage';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';

interface TerminalTabProps {
  terminal: Terminal;
  selected: boolean;
  onSelect(): void;
  onClose(): void;
}

/** One tab: its title (double-click or F2 renames it inline) and its close button. */
export function TerminalTab({ terminal, selected, onSelect, onClose }: TerminalTabProps) {
  const [editing, setEditing] = useState(false);

  return (
    <div className="terminal-tab" data-selected={selected ? 'true' : 'false'} role="presentation">
      {editing ? (
        <RenameInput terminal={terminal} onDone={() => setEditing(false)} />
      ) : (
        <button
          type="button"
          role="tab"
          id={`terminal-tab-${terminal.id}`}
          aria-selected={selected}
          aria-controls={`terminal-panel-${terminal.id}`}
          tabIndex={selected ? 0 : -1}
          className="terminal-tab-title"
          data-status={terminal.status}
          onClick={onSelect}
          onDoubleClick={() => setEditing(true)}
          onKeyDown={(event) => {
            if (event.key !== 'F2') return;
            event.preventDefault();
            setEditing(true);
          }}
        >
          {terminal.title}
        </button>
      )}
      <button
        type="button"
        className="terminal-tab-close"
        aria-label={`Close ${terminal.title}`}
        title={`Close ${terminal.title}`}
        tabIndex={-1}
        onClick={onClose}
      >
        ×
      </button>
    </div>
  );
}

function RenameInput({ terminal, onDone }: { terminal: Terminal; onDone(): void }) {
  const [value, setValue] = useState(terminal.title);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const upsertTerminal = useStore((s) => s.upsertTerminal);
  // Removing the focused input can fire blur; a finished edit must not save on it.
  const finished = useRef(false);

  const finish = (): void => {
    finished.current = true;
    onDone();
    requestAnimationFrame(() => document.getElementById(`terminal-tab-${terminal.id}`)?.focus());
  };
  const save = async (): Promise<void> => {
    if (saving || finished.current) return;
    if (value.trim() === terminal.title) return finish();
    setSaving(true);
    try {
      upsertTerminal(await api().terminals.rename({ id: terminal.id, title: value }));
      finish();
    } catch (failure) {
      setError(errorMessage(failure));
      setSaving(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      finish();
    }
  };

  return (
    <span className="terminal-rename">
      <input
        autoFocus
        className="input tab-input"
        aria-label="Terminal name"
        value={value}
        size={Math.max(6, Math.min(24, value.length + 1))}
        spellCheck={false}
        aria-invalid={error !== null}
        onFocus={(event) => event.target.select()}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (error === null) void save();
        }}
      />
      {error && (
        <span className="rename-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
