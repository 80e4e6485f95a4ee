import { useState } from 'react';
import type { CredentialStoreInfo, GitHost, Settings } from '../../../../shared/contract/settings';
import { api } from '../../rpc/connection';
import { reportError } from '../../store/sync';
import { GitHostForm } from './GitHostForm';

const tokenPlace: Record<NonNullable<GitHost['tokenSource']>, string> = {
  env: 'GITHUB_TOKEN',
  file: 'file',
  keychain: 'OS keychain',
};

/** Token text for a host: whether there is one and where it is kept, never the token itself. */
export function tokenText(host: GitHost): string {
  if (!host.hasToken) return 'no token';
  return host.tokenSource ? `token set (${tokenPlace[host.tokenSource]})` : 'token set';
}

interface GitHostsSectionProps {
  hosts: GitHost[];
  credentialStore: CredentialStoreInfo;
  onSaved(settings: Settings): void;
}

/** The git hosts Berth pushes to and opens pull requests on, and a form to add or change one. */
export function GitHostsSection({ hosts, credentialStore, onSaved }: GitHostsSectionProps) {
  const [removing, setRemoving] = useState<string | null>(null);

  const remove = async (host: string): Promise<void> => {
    setRemoving(host);
    try {
      onSaved(await api().settings.removeGitHost({ host }));
    } catch (error) {
      reportError(error);
    } finally {
      setRemoving(null);
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-hosts">
      <h3 id="settings-hosts" className="settings-title">
        Git hosts
      </h3>
      <p className="dialog-text">
        Pull requests are opened from this machine with these tokens; sandboxes never see them.
      </p>
      {hosts.length === 0 ? (
        <p className="muted small-print">No git hosts yet.</p>
      ) : (
        <table className="hosts-table">
          <thead>
            <tr>
              <th scope="col">Host</th>
              <th scope="col">User name</th>
              <th scope="col">Token</th>
              <th scope="col">API URL</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hosts.map((host) => (
              <tr key={host.host}>
                <td className="mono">{host.host}</td>
                <td>{host.username || '—'}</td>
                <td data-token={host.hasToken ? 'set' : 'none'}>{tokenText(host)}</td>
                <td className="mono" title={host.apiUrl}>
                  {host.apiUrl}
                </td>
                <td>
                  <button
                    type="button"
                    className="button small danger-quiet"
                    aria-label={`Remove ${host.host}`}
                    disabled={removing !== null}
                    onClick={() => remove(host.host)}
                  >
                    {removing === host.host ? 'Removing…' : 'Remove'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="field-note">{credentialStore.description}</p>
      <GitHostForm onSaved={onSaved} />
    </section>
  );
}
