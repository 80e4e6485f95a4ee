import type { Ref } from 'react';
import type { SessionPorts } from '../../../../shared/contract/ports';
import { ForwardByNumber } from './ForwardByNumber';
import { PortItem } from './PortItem';
import { codeParts, portRows, portsStateText } from './portRows';

interface ProcessesPanelProps {
  ref: Ref<HTMLDivElement>;
  id: string;
  sessionId: string;
  /** Undefined until the first read answers. */
  ports: SessionPorts | undefined;
  /** The session's engine is away for a moment. */
  reconnecting: boolean;
  onClose(): void;
}

/**
 * What listens in the sandbox, one row per port with its process, addresses and forward, and a
 * form to forward a port by number. Anchored under the header's Processes button.
 */
export function ProcessesPanel({
  ref,
  id,
  sessionId,
  ports,
  reconnecting,
  onClose,
}: ProcessesPanelProps) {
  const rows = ports ? portRows(ports) : [];
  const stateText = portsStateText(ports, rows.length, reconnecting);
  return (
    <div
      ref={ref}
      id={id}
      className="processes-panel"
      role="dialog"
      aria-label="Processes and ports"
      tabIndex={-1}
    >
      <div className="processes-head">
        <h2 className="processes-title">Processes and ports</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close processes and ports"
          title="Close (Esc)"
          onClick={onClose}
        >
          ×
        </button>
      </div>
      {stateText !== null && (
        <p className="processes-state" data-state={ports?.state ?? 'loading'} role="status">
          {codeParts(stateText).map((part, i) =>
            part.code ? <code key={i}>{part.text}</code> : part.text,
          )}
        </p>
      )}
      {rows.length > 0 && (
        <ul className="port-list" role="list" aria-label="Ports">
          {rows.map((row) => (
            <PortItem key={row.port} sessionId={sessionId} row={row} />
          ))}
        </ul>
      )}
      <ForwardByNumber sessionId={sessionId} />
      <p className="processes-note">
        Forwarded ports listen on 127.0.0.1 and ::1 of this computer only. As with{' '}
        <code>ssh -L</code>, any user or program on this computer can reach them; browser
        mode&rsquo;s token does not protect them.
      </p>
    </div>
  );
}
