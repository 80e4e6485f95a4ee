import { useCallback, useId, useRef, useState } from 'react';
import type { Session } from '../../../../shared/contract/sessions';
import { countOf } from '../changes/reviewText';
import { isReconnecting } from '../sessions/sessionStatus';
import { listeningCount } from './portRows';
import { ProcessesPanel } from './ProcessesPanel';
import { usePopover } from './usePopover';
import { usePortsSync } from './usePortsSync';

/**
 * The header's Processes button, with the number of ports listening in the sandbox; it opens
 * the Processes and ports panel under itself.
 */
export function ProcessesControl({ session }: { session: Session }) {
  const ports = usePortsSync(session);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }, []);
  usePopover(open, close, button, panel);

  const count = listeningCount(ports);
  return (
    <div className="processes-control">
      <button
        ref={button}
        type="button"
        className="button processes-toggle"
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-controls={open ? panelId : undefined}
        title="What listens in the sandbox, and forwards to this computer"
        onClick={() => setOpen(!open)}
      >
        Processes
        {count > 0 && (
          <span className="count-badge" aria-label={countOf(count, 'listening port')}>
            {count.toLocaleString('en-US')}
          </span>
        )}
      </button>
      {open && (
        <ProcessesPanel
          ref={panel}
          id={panelId}
          sessionId={session.id}
          ports={ports}
          reconnecting={isReconnecting(session.status)}
          onClose={() => close(true)}
        />
      )}
    </div>
  );
}
