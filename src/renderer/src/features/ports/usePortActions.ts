import { useEffect, useState } from 'react';
import type { ForwardStatus, PortForward } from '../../../../shared/contract/ports';
import { errorMessage, isCancelled } from '../../lib/errorMessage';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { activeUrl, forwardStatus, notListeningText, withForward } from './portRows';

// Long enough to read "Copied", short enough to copy again soon after.
const copiedForMs = 1500;

export type PortAction = 'open' | 'stop' | 'always';

/** A line under a row after an action; shown while the forward's status is still `status`. */
export interface PortMessage {
  kind: 'info' | 'error';
  text: string;
  status: ForwardStatus | 'none';
}

export interface PortActions {
  busy: PortAction | null;
  /** The "Always forward" value being set, while that call runs. */
  pendingAlways: boolean | null;
  copied: boolean;
  message: PortMessage | null;
  open(): Promise<void>;
  copyUrl(): Promise<void>;
  stop(): Promise<void>;
  setAlwaysForward(always: boolean): Promise<void>;
}

/** Open, Copy URL, Stop and Always forward for one port; failures become the row's message. */
export function usePortActions(
  sessionId: string,
  port: number,
  forward: PortForward | undefined,
): PortActions {
  const [busy, setBusy] = useState<PortAction | null>(null);
  const [pendingAlways, setPendingAlways] = useState<boolean | null>(null);
  const [copied, setCopied] = useState(false);
  const [message, setMessage] = useState<PortMessage | null>(null);
  const status = forward?.status ?? 'none';

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), copiedForMs);
    return () => clearTimeout(timer);
  }, [copied]);

  const fail = (error: unknown, at: PortMessage['status']): void => {
    if (!isCancelled(error)) setMessage({ kind: 'error', text: errorMessage(error), status: at });
  };

  const run = async (action: PortAction, call: () => Promise<void>): Promise<void> => {
    setBusy(action);
    setMessage(null);
    try {
      await call();
    } catch (error) {
      fail(error, status);
    } finally {
      setBusy(null);
    }
  };

  const open = async (): Promise<void> => {
    const url = activeUrl(forward);
    if (url !== null) {
      openInBrowser(url);
      return;
    }
    await run('open', async () => {
      const result = await api().ports.forward({ sessionId, port });
      const ports = useStore.getState().ports[sessionId];
      if (ports) useStore.getState().setPorts(withForward(ports, result));
      const opened = activeUrl(result);
      if (opened !== null) openInBrowser(opened);
      else if (result.status === 'gone') {
        setMessage({ kind: 'info', text: notListeningText(port), status: 'gone' });
      } else if (!ports) {
        // With the store's ports the row's status says it already.
        setMessage({ kind: 'error', text: forwardStatus(result).text, status: result.status });
      }
    });
  };

  const copyUrl = async (): Promise<void> => {
    const url = activeUrl(forward);
    if (url === null) return;
    setMessage(null);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch (error) {
      setMessage({
        kind: 'error',
        text: `Could not copy the URL (${errorMessage(error)}). It is ${url}`,
        status,
      });
    }
  };

  const stop = (): Promise<void> =>
    run('stop', async () => {
      useStore.getState().setPorts(await api().ports.stop({ sessionId, port }));
    });

  const setAlwaysForward = async (always: boolean): Promise<void> => {
    setPendingAlways(always);
    await run('always', async () => {
      useStore.getState().setPorts(await api().ports.setAlwaysForward({ sessionId, port, always }));
    });
    setPendingAlways(null);
  };

  // A message about a status that has changed since (the port listens now, say) is stale.
  const current = message !== null && message.status === status ? message : null;
  return {
    busy,
    pendingAlways,
    copied,
    message: current,
    open,
    copyUrl,
    stop,
    setAlwaysForward,
  };
}

/** A forwarded app is untrusted: no opener, no referrer. */
function openInBrowser(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}
