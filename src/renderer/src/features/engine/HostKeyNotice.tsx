import type { EngineStatus } from '../../../../shared/contract/engines';
import { hostKeyFile, knownHostsName } from './hostKeys';

/**
 * An SSH host's key that needs the user: a first connection's key to check and trust once, or
 * a changed key, refused loudly with no way to accept it here.
 */
export function HostKeyNotice({
  engine,
  busy,
  onTrust,
}: {
  engine: EngineStatus;
  busy: boolean;
  onTrust(): void;
}) {
  const key = engine.hostKey;
  if (engine.state === 'host_key_changed') {
    return (
      <div className="host-key" data-tone="error" role="alert">
        <p>
          <strong>The host key changed:</strong> this can mean someone is intercepting the
          connection. Berth will not connect.
        </p>
        {key && (
          <p>
            The host now presents this {key.type} key:
            <code className="fingerprint">{key.fingerprint}</code>
          </p>
        )}
        <p>
          If the host was reinstalled, remove the old key from ~/.ssh/known_hosts (
          <code>ssh-keygen -R {knownHostsName(engine.endpoint) ?? 'host'}</code>) and this engine,
          then add it again.
        </p>
      </div>
    );
  }
  if (engine.state !== 'host_key_unknown' || !key) return null;
  return (
    <div className="host-key" data-tone="pending" role="group" aria-label="Host key to check">
      <p>
        First connection to this host. It presents this {key.type} key:
        <code className="fingerprint">{key.fingerprint}</code>
      </p>
      <p className="muted">
        Check that the fingerprint matches the host’s key (
        <code>ssh-keygen -lf {hostKeyFile(key.type)}</code> on the host), then trust it. Berth does
        not log in before you do.
      </p>
      <button type="button" className="button small primary" disabled={busy} onClick={onTrust}>
        {busy ? 'Trusting…' : 'Trust this key'}
      </button>
    </div>
  );
}
