import { useEffect, useRef, useState } from 'react';
import type { Terminal } from '../../../../shared/contract/terminals';
import { useStore } from '../../store';
import { ExitedBar } from './ExitedBar';
import { TerminalSearch } from './TerminalSearch';
import { terminalRegistry } from './terminalRegistry';
import { createTerminalView } from './terminalView';

interface TerminalPanelProps {
  terminal: Terminal;
  active: boolean;
  sessionRunning: boolean;
  onClose(): void;
}

/** Whether keystrokes can reach this tab's shell right now (read at each key, not rendered). */
function canWrite(terminalId: string, sessionId: string): boolean {
  const state = useStore.getState();
  const terminal = state.terminals[sessionId]?.find((t) => t.id === terminalId);
  const session = state.sessions.find((s) => s.id === sessionId);
  return (
    state.connection === 'connected' &&
    terminal?.status === 'running' &&
    session?.status === 'running'
  );
}

/**
 * One tab's panel. The xterm inside lives as long as the tab does; inactive panels stay laid out
 * but invisible, so their scrollback, size and renderer survive switching tabs.
 */
export function TerminalPanel({ terminal, active, sessionRunning, onClose }: TerminalPanelProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [searching, setSearching] = useState(false);
  const epoch = useStore((s) => s.connectionEpoch);
  const mountEpoch = useRef(epoch);
  const { id, sessionId } = terminal;
  const writable = terminal.status === 'running' && sessionRunning;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const view = createTerminalView({
      id,
      host,
      canWrite: () => canWrite(id, sessionId),
      onSearchRequest: () => setSearching(true),
      onAttached: useStore.getState().upsertTerminal,
    });
    return () => view.dispose();
  }, [id, sessionId]);

  useEffect(() => {
    if (epoch !== mountEpoch.current) terminalRegistry.get(id)?.reattach();
  }, [epoch, id]);

  useEffect(() => {
    const view = terminalRegistry.get(id);
    view?.setVisible(active);
    if (active) view?.fitNow();
  }, [active, id]);

  useEffect(() => {
    const view = terminalRegistry.get(id);
    if (!view) return;
    // No cursor or input where nothing can reach a shell.
    view.setWritable(writable);
    if (writable) view.syncSize();
  }, [writable, id]);

  return (
    <div
      role="tabpanel"
      id={`terminal-panel-${id}`}
      aria-labelledby={`terminal-tab-${id}`}
      className="terminal-panel"
      data-active={active ? 'true' : 'false'}
      data-terminal-id={id}
      data-status={terminal.status}
    >
      {terminal.status === 'exited' && (
        <ExitedBar terminal={terminal} sessionRunning={sessionRunning} onClose={onClose} />
      )}
      <div className="terminal-frame">
        <div ref={hostRef} className="terminal-host" />
        {searching && <TerminalSearch terminalId={id} onClose={() => setSearching(false)} />}
      </div>
    </div>
  );
}
