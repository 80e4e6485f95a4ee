import type { Terminal } from '../../../../shared/contract/terminals';
import { createInputQueue } from '../../lib/inputQueue';
import { api } from '../../rpc/connection';
import { reportError } from '../../store/sync';
import { createXterm } from './createXterm';
import { connectOutput } from './outputPipeline';
import { terminalKeyHandler } from './terminalKeys';
import { terminalRegistry, type TerminalView } from './terminalRegistry';

export interface TerminalViewOptions {
  id: string;
  /** The element the xterm lives in; its size is the terminal's size. */
  host: HTMLElement;
  /** False while the shell cannot take input (exited, session stopped, connection down). */
  canWrite(): boolean;
  onSearchRequest(): void;
  /** The tab as the host sees it after an attach. */
  onAttached(terminal: Terminal): void;
}

// Dragging a splitter fires many resizes; the shell needs only the last (50 ms ≈ 3 frames).
const resizeDebounceMs = 50;

/** Creates, attaches and registers one terminal tab's xterm. */
export function createTerminalView(options: TerminalViewOptions): TerminalView {
  const { id, host, canWrite } = options;
  const { term, fit, search } = createXterm(host);
  let hostSize: { cols: number; rows: number } | null = null;
  let writable = true;
  // DECTCEM (CSI ?25 l / h) hides the cursor in both renderers; a snapshot's reset shows it
  // again, so it is hidden once more after every attach of a tab without a shell.
  const hideCursor = (): void => term.write('\x1b[?25l');
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;

  const input = createInputQueue((data) => api().terminals.write({ id, data }), reportError);
  const typing = term.onData((data) => {
    if (canWrite()) input.push(data);
  });
  term.attachCustomKeyEventHandler(terminalKeyHandler(term, options.onSearchRequest));

  const syncSize = (): void => {
    clearTimeout(resizeTimer);
    const { cols, rows } = term;
    if (!hostSize || (hostSize.cols === cols && hostSize.rows === rows) || !canWrite()) return;
    hostSize = { cols, rows };
    api()
      .terminals.resize({ id, cols, rows })
      .catch((error: unknown) => {
        // The next fit tries again; a wrong size is not worth a toast.
        hostSize = null;
        console.warn('berth: terminal resize failed', error);
      });
  };
  const sizing = term.onResize(() => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(syncSize, resizeDebounceMs);
  });
  const fitNow = (): void => {
    // A hidden or collapsed container would fit to nonsense (0 columns).
    if (host.clientWidth < 20 || host.clientHeight < 10) return;
    fit.fit();
  };
  const observer = new ResizeObserver(fitNow);
  observer.observe(host);
  fitNow();

  const output = connectOutput(id, term, (terminal) => {
    if (!writable) hideCursor();
    hostSize = { cols: terminal.cols, rows: terminal.rows };
    options.onAttached(terminal);
    syncSize();
  });
  void output.attach();

  const view: TerminalView = {
    id,
    term,
    search,
    focus: () => term.focus(),
    fitNow,
    syncSize,
    reattach: () => void output.attach(),
    setVisible: (visible) => output.setVisible(visible),
    setWritable(next) {
      term.options.disableStdin = !next;
      if (next === writable) return;
      writable = next;
      if (writable) term.write('\x1b[?25h');
      else hideCursor();
    },
    dispose() {
      terminalRegistry.unregister(view);
      clearTimeout(resizeTimer);
      observer.disconnect();
      output.dispose();
      input.clear();
      typing.dispose();
      sizing.dispose();
      term.dispose();
    },
  };
  terminalRegistry.register(view);
  return view;
}
