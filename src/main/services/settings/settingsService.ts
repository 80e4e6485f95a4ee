import type { z } from 'zod';
import type {
  GitHost,
  GitIdentity,
  Settings,
  SettingsApi,
  settingsInput,
} from '../../../shared/contract';
import { RpcError } from '../../../shared/contract';
import type { SettingsTable } from '../../storage/settingsTable';
import type { EventBus } from '../events';
import type { CredentialStore } from './credentialStore';
import { readGitConfigIdentity } from './gitConfigIdentity';

type Input<M extends keyof typeof settingsInput> = z.infer<(typeof settingsInput)[M]>;

/** A git host as stored in the database: everything but the token. */
interface StoredHost {
  host: string;
  username?: string;
  apiUrl?: string;
}

/** What the host needs to push to a remote or call its forge: never leaves the host process. */
export interface HostCredentials {
  host: string;
  username: string;
  token: string | undefined;
  apiUrl: string;
}

const githubHost = 'github.com';

/** GitHub's API is at api.github.com; GitHub Enterprise serves it under /api/v3 of its host. */
export const defaultApiUrl = (host: string): string =>
  host === githubHost ? 'https://api.github.com' : `https://${host}/api/v3`;

/**
 * Settings: the commit identity for sandboxes and the git hosts Berth pushes to. Tokens go to
 * the credential store (or come from GITHUB_TOKEN for github.com) and never back out.
 */
export class SettingsService implements SettingsApi {
  constructor(
    private readonly deps: {
      table: SettingsTable;
      credentials: CredentialStore;
      bus: EventBus;
      env?: NodeJS.ProcessEnv;
      home?: string;
    },
  ) {}

  async get(_input: Input<'get'>): Promise<Settings> {
    return this.snapshot();
  }

  async setGitIdentity(input: Input<'setGitIdentity'>): Promise<Settings> {
    this.deps.table.set('gitIdentity', { name: input.name, email: input.email });
    return this.changed();
  }

  async setGitHost(input: Input<'setGitHost'>): Promise<Settings> {
    const hosts = this.storedHosts().filter((h) => h.host !== input.host);
    const previous = this.storedHosts().find((h) => h.host === input.host);
    const next: StoredHost = { host: input.host };
    const username = input.username ?? previous?.username;
    const apiUrl = input.apiUrl ?? previous?.apiUrl;
    if (username) next.username = username;
    if (apiUrl) next.apiUrl = apiUrl.replace(/\/+$/, '');
    if (input.token !== undefined) this.deps.credentials.set(input.host, input.token);
    this.deps.table.set('gitHosts', [...hosts, next]);
    return this.changed();
  }

  async removeGitHost(input: Input<'removeGitHost'>): Promise<Settings> {
    const hosts = this.storedHosts();
    if (!hosts.some((h) => h.host === input.host) && !this.deps.credentials.get(input.host)) {
      throw new RpcError('not_found', `No git host ${input.host} in Settings.`, { field: 'host' });
    }
    this.deps.table.set(
      'gitHosts',
      hosts.filter((h) => h.host !== input.host),
    );
    this.deps.credentials.delete(input.host);
    return this.changed();
  }

  /** The identity commits in sandboxes are made with: Berth's setting, else ~/.gitconfig. */
  identity(): GitIdentity {
    const set = this.deps.table.get<{ name: string; email: string }>('gitIdentity');
    if (set) return { ...set, source: 'settings' };
    const found = readGitConfigIdentity(this.deps.home);
    if (found.name && found.email)
      return { name: found.name, email: found.email, source: 'git config' };
    return { name: found.name ?? '', email: found.email ?? '', source: 'none' };
  }

  /** Credentials and API URL for a remote URL's host (token absent when none is known). */
  credentialsFor(url: string): HostCredentials {
    const host = new URL(url).host.toLowerCase();
    const stored = this.storedHosts().find((h) => h.host === host);
    return {
      host,
      username: stored?.username ?? 'x-access-token',
      token: this.tokenOf(host).token,
      apiUrl: stored?.apiUrl ?? defaultApiUrl(host),
    };
  }

  private tokenOf(host: string): { token: string | undefined; source: GitHost['tokenSource'] } {
    const stored = this.deps.credentials.get(host);
    if (stored) {
      return {
        token: stored,
        source: this.deps.credentials.info().kind === 'file' ? 'file' : 'keychain',
      };
    }
    const env = (this.deps.env ?? process.env).GITHUB_TOKEN;
    if (host === githubHost && env) return { token: env, source: 'env' };
    return { token: undefined, source: null };
  }

  private storedHosts(): StoredHost[] {
    return this.deps.table.get<StoredHost[]>('gitHosts') ?? [];
  }

  private snapshot(): Settings {
    const hosts = this.storedHosts();
    const env = (this.deps.env ?? process.env).GITHUB_TOKEN;
    if (env && !hosts.some((h) => h.host === githubHost)) hosts.push({ host: githubHost });
    return {
      gitIdentity: this.identity(),
      gitHosts: hosts.map((h) => {
        const { source } = this.tokenOf(h.host);
        return {
          host: h.host,
          username: h.username ?? 'x-access-token',
          hasToken: source !== null,
          tokenSource: source,
          apiUrl: h.apiUrl ?? defaultApiUrl(h.host),
        };
      }),
      credentialStore: this.deps.credentials.info(),
    };
  }

  private changed(): Settings {
    const settings = this.snapshot();
    this.deps.bus.emit('settings.changed', settings);
    return settings;
  }
}
