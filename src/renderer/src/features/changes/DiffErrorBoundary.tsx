import { Component, type ReactNode } from 'react';
import { errorMessage } from '../../lib/errorMessage';

interface Props {
  /** A new key (another file, a retry) clears the error. */
  resetKey: string;
  onRetry(): void;
  children: ReactNode;
}

/**
 * Keeps a failure of the diff editor inside the diff pane: Monaco's chunk that would not load
 * (a rebuilt server, a lost connection) or an error while it renders. Without it React unmounts
 * the whole window.
 */
export class DiffErrorBoundary extends Component<Props, { error: unknown; key: string | null }> {
  override state = { error: null as unknown, key: null as string | null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { key: string | null }) {
    return state.key === props.resetKey ? null : { error: null, key: props.resetKey };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="diff-note" role="alert">
        <p className="diff-note-title">The diff could not be shown</p>
        <p className="changes-error-text">{errorMessage(this.state.error)}</p>
        <div className="diff-note-actions">
          <button type="button" className="button small" onClick={this.props.onRetry}>
            Retry
          </button>
          {/* A chunk that failed to load stays failed in Vite's preload cache: only a reload
              fetches it again (the server was rebuilt, or the connection dropped). */}
          <button type="button" className="button small" onClick={() => window.location.reload()}>
            Reload the window
          </button>
        </div>
      </div>
    );
  }
}
