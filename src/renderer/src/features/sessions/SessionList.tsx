import { useRef, type KeyboardEvent } from 'react';
import { useStore } from '../../store';
import { SessionChips } from './SessionChips';
import { SessionStatusBadge } from './SessionStatusBadge';

/** The sessions in the sidebar; up and down arrows move between them, Enter opens one. */
export function SessionList() {
  const sessions = useStore((s) => s.sessions);
  const loaded = useStore((s) => s.sessionsLoaded);
  const selectedId = useStore((s) => s.selectedSessionId);
  const select = useStore((s) => s.selectSession);
  const listRef = useRef<HTMLUListElement>(null);
  // One stop in the tab order (the selected session, else the first); arrows do the rest.
  const tabStop = Math.max(
    0,
    sessions.findIndex((s) => s.id === selectedId),
  );

  const moveFocus = (event: KeyboardEvent<HTMLUListElement>): void => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(listRef.current?.querySelectorAll('button') ?? [])];
    const index = buttons.findIndex((b) => b === document.activeElement);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    const next = buttons[Math.min(buttons.length - 1, Math.max(0, index + step))];
    if (!next) return;
    event.preventDefault();
    next.focus();
  };

  return (
    <nav className="session-list" aria-label="Sessions">
      {loaded && sessions.length === 0 && <p className="muted small-print">No sessions yet.</p>}
      <ul ref={listRef} onKeyDown={moveFocus}>
        {sessions.map((session, index) => {
          const selected = session.id === selectedId;
          return (
            <li key={session.id}>
              <button
                type="button"
                className="session-item"
                aria-current={selected ? 'page' : undefined}
                tabIndex={index === tabStop ? 0 : -1}
                onClick={() => select(session.id)}
                title={session.name}
              >
                <span className="session-name">{session.name}</span>
                <SessionChips session={session} />
                <SessionStatusBadge session={session} />
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
