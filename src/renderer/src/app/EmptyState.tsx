import { NewSessionButton } from '../features/sessions/NewSessionButton';

export function EmptyState() {
  return (
    <div className="empty-state">
      <h1 className="empty-title">No session selected — create one to start</h1>
      <p className="muted">
        Each session is a Docker sandbox with its own workspace and terminals.
      </p>
      <NewSessionButton />
    </div>
  );
}
