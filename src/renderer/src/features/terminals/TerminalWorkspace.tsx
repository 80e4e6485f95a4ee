import { useCallback, useEffect, useRef, useState } from 'react';
import type { Session } from '../../../../shared/contract/sessions';
import { estimateGrid } from '../../lib/gridEstimate';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { reportError } from '../../store/sync';
import { TerminalPanel } from './TerminalPanel';
import { TerminalTabStrip } from './TerminalTabStrip';
import { terminalRegistry } from './terminalRegistry';
import { useTerminalTabs } from './useTerminalTabs';

/** The session's terminal tabs and their xterms. */
export function TerminalWorkspace({ session }: { session: Session }) {
  const sessionId = session.id;
  const { tabs, loaded } = useTerminalTabs(sessionId);
  const remembered = useStore((s) => s.activeTerminal[sessionId]);
  const setActive = useStore((s) => s.setActiveTerminal);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState(false);
  const running = session.status === 'running';
  const activeId = tabs.some((t) => t.id === remembered) ? remembered : tabs[0]?.id;

  const select = useCallback(
    (id: string, focusTerminal: boolean) => {
      setActive(sessionId, id);
      if (focusTerminal) terminalRegistry.focusWhenReady(id);
    },
    [sessionId, setActive],
  );

  const open = useCallback(async () => {
    if (!running || opening) return;
    setOpening(true);
    try {
      const current = activeId === undefined ? undefined : terminalRegistry.get(activeId);
      const body = bodyRef.current;
      const size = current
        ? { cols: current.term.cols, rows: current.term.rows }
        : estimateGrid(body?.clientWidth ?? 0, body?.clientHeight ?? 0);
      const terminal = await api().terminals.open({ sessionId, ...size });
      useStore.getState().upsertTerminal(terminal);
      select(terminal.id, true);
    } catch (error) {
      reportError(error);
    } finally {
      setOpening(false);
    }
  }, [running, opening, activeId, sessionId, select]);

  const close = useCallback(
    async (id: string) => {
      if (id === activeId) {
        const index = tabs.findIndex((t) => t.id === id);
        const neighbour = tabs[index + 1] ?? tabs[index - 1];
        if (neighbour) select(neighbour.id, false);
      }
      try {
        await api().terminals.close({ id });
        useStore.getState().removeTerminal(sessionId, id);
      } catch (error) {
        reportError(error);
      }
    },
    [activeId, tabs, sessionId, select],
  );

  // Ctrl+Shift+` opens a terminal from anywhere in the window, xterm included (capture phase).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!event.ctrlKey || !event.shiftKey || event.code !== 'Backquote') return;
      event.preventDefault();
      event.stopPropagation();
      void open();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);

  return (
    <section className="terminal-workspace" aria-label="Terminal workspace">
      <TerminalTabStrip
        tabs={tabs}
        activeId={activeId}
        canOpen={running && !opening}
        onSelect={select}
        onClose={(id) => void close(id)}
        onOpen={() => void open()}
      />
      {!running && <p className="terminal-notice">{noticeFor(session.status)}</p>}
      <div ref={bodyRef} className="terminal-body">
        {tabs.map((tab) => (
          <TerminalPanel
            key={tab.id}
            terminal={tab}
            active={tab.id === activeId}
            sessionRunning={running}
            onClose={() => void close(tab.id)}
          />
        ))}
        {loaded && tabs.length === 0 && running && (
          <div className="terminal-empty">
            <p>No terminals open.</p>
            <button type="button" className="button" onClick={() => void open()}>
              Open a terminal
            </button>
            <p className="muted small-print">or press Ctrl+Shift+`</p>
          </div>
        )}
      </div>
    </section>
  );
}

/** Why the terminals cannot be used now; a lost engine comes back by itself, with the tabs. */
function noticeFor(status: Session['status']): string {
  if (status === 'creating') return 'Terminals open once the sandbox is running.';
  if (status === 'connecting') {
    return 'Reconnecting to the engine: open terminals come back with their scrollback.';
  }
  if (status === 'error') return 'The sandbox is not running — start the session to use terminals';
  return 'Session is stopped — start it to use terminals';
}
