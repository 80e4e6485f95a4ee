import type { ListeningPort } from '../../../../shared/contract/ports';
import { activeUrl, addressLabel, connectionsText, forwardStatus, type PortRow } from './portRows';
import { usePortActions } from './usePortActions';

/** One port in the Processes panel: what listens on it, where, its forward, and its actions. */
export function PortItem({ sessionId, row }: { sessionId: string; row: PortRow }) {
  const { port, listening, forward } = row;
  const actions = usePortActions(sessionId, port, forward);
  const status = forwardStatus(forward);
  const url = activeUrl(forward);
  const connections = connectionsText(forward);
  const always = actions.pendingAlways ?? row.alwaysForward;

  return (
    <li className="port-item" data-port={port} data-listening={listening !== undefined}>
      <span className="port-number">{port}</span>
      <ProcessLine listening={listening} />
      <div className="port-facts">
        {listening && (
          <span className="port-address">{listening.addresses.map(addressLabel).join(', ')}</span>
        )}
        <span className="port-status" data-status={status.kind}>
          {status.text}
          {status.link && (
            <>
              {' '}
              <a href={status.link.url} target="_blank" rel="noopener noreferrer">
                {status.link.text}
              </a>
            </>
          )}
        </span>
        {connections !== null && <span className="port-connections">{connections}</span>}
      </div>
      {status.detail && <p className="port-detail">Last error: {status.detail}</p>}
      <div className="port-actions">
        <button
          type="button"
          className="button small"
          aria-label={`Open port ${port}`}
          title={url ?? 'Forward this port and open it in the browser'}
          disabled={actions.busy === 'open'}
          onClick={() => void actions.open()}
        >
          {actions.busy === 'open' ? 'Opening…' : 'Open'}
        </button>
        {url !== null && (
          <button
            type="button"
            className="button small"
            aria-label={`Copy URL of port ${port}`}
            title={url}
            onClick={() => void actions.copyUrl()}
          >
            {actions.copied ? 'Copied ✓' : 'Copy URL'}
          </button>
        )}
        {forward && (
          <button
            type="button"
            className="button small"
            aria-label={`Stop forwarding port ${port}`}
            disabled={actions.busy === 'stop'}
            onClick={() => void actions.stop()}
          >
            {actions.busy === 'stop' ? 'Stopping…' : 'Stop'}
          </button>
        )}
        <label
          className="check port-always"
          title="Forward this port whenever it listens in this session"
        >
          <input
            type="checkbox"
            aria-label={`Always forward port ${port}`}
            checked={always}
            disabled={actions.busy === 'always'}
            onChange={(event) => void actions.setAlwaysForward(event.target.checked)}
          />
          Always forward
        </label>
        <span className="visually-hidden" role="status">
          {actions.copied ? `URL of port ${port} copied` : ''}
        </span>
      </div>
      {actions.message && (
        <p
          className="port-message"
          data-kind={actions.message.kind}
          role={actions.message.kind === 'error' ? 'alert' : 'status'}
        >
          {actions.message.text}
        </p>
      )}
    </li>
  );
}

/** `python3  python3 -m http.server 8000`, the command cut short with its whole text on hover. */
function ProcessLine({ listening }: { listening: ListeningPort | undefined }) {
  if (!listening) return <span className="port-process muted">Not listening</span>;
  const process = listening.process;
  if (!process) return <span className="port-process muted">process of another user</span>;
  return (
    <span className="port-process">
      <span className="port-process-name">{process.name}</span>
      <span className="port-command" title={process.command}>
        {process.command}
      </span>
    </span>
  );
}
