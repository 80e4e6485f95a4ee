import { useState } from 'react';
import type { Terminal } from '../../../../shared/contract/terminals';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { reportError } from '../../store/sync';

interface ExitedBarProps {
  terminal: Terminal;
  sessionRunning: boolean;
  onClose(): void;
}

/** Over an exited tab: why the shell is gone, and a way to start a new one or close the tab. */
export function ExitedBar({ terminal, sessionRunning, onClose }: ExitedBarProps) {
  const [busy, setBusy] = useState(false);
  const upsertTerminal = useStore((s) => s.upsertTerminal);

  const restart = async (): Promise<void> => {
    setBusy(true);
    try {
      upsertTerminal(await api().terminals.restart({ id: terminal.id }));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const text =
    terminal.exitReason ??
    (terminal.exitCode === undefined ? 'Shell exited' : `Shell exited (code ${terminal.exitCode})`);
  return (
    <div className="exited-bar" role="status">
      <span className="exited-text">{text}</span>
      <button
        type="button"
        className="button small"
        disabled={busy || !sessionRunning}
        title={sessionRunning ? undefined : 'Start the session to restart its shells'}
        onClick={restart}
      >
        Restart
      </button>
      <button type="button" className="button small" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
