import { z } from 'zod';

/** The name and email commits in sandboxes are made with. */
export interface GitIdentity {
  name: string;
  email: string;
  /** `settings` when set in Berth; `git config` when read from the user's ~/.gitconfig. */
  source: 'settings' | 'git config' | 'none';
}

/**
 * A git host Berth pushes to and opens pull requests on. The token itself never leaves the host
 * process: the window only learns whether there is one and where it is kept.
 */
export interface GitHost {
  /** `github.com`, `ghe.example.com`, `127.0.0.1:8080`: host and port as in the remote URL. */
  host: string;
  /** The user name sent with the token (`x-access-token` for GitHub). */
  username: string;
  hasToken: boolean;
  /** Where the token is kept: `GITHUB_TOKEN`, the file in the data directory, or the OS keychain. */
  tokenSource: 'env' | 'file' | 'keychain' | null;
  /** The GitHub REST API base URL for pull requests (`https://api.github.com` for github.com). */
  apiUrl: string;
}

export interface CredentialStoreInfo {
  kind: 'file' | 'keychain';
  /** One sentence for the settings page: where tokens are kept and who can read them. */
  description: string;
}

export interface Settings {
  gitIdentity: GitIdentity;
  gitHosts: GitHost[];
  credentialStore: CredentialStoreInfo;
}

const hostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'host must not be empty')
  .max(253, 'host is too long')
  .regex(/^[a-z0-9.-]+(:\d{1,5})?$/, 'host must look like github.com or 127.0.0.1:8080');

export const settingsInput = {
  get: z.object({}).strict(),
  setGitIdentity: z
    .object({
      name: z.string().trim().min(1, 'name must not be empty').max(200, 'name is too long'),
      email: z
        .string()
        .trim()
        .min(3, 'email must not be empty')
        .max(200, 'email is too long')
        .regex(/^[^\s<>@]+@[^\s<>@]+$/, 'email must look like name@example.com'),
    })
    .strict(),
  setGitHost: z
    .object({
      host: hostSchema,
      username: z.string().trim().max(200, 'user name is too long').optional(),
      /** Write-only: stored on the host, never sent back. Absent keeps the current token. */
      token: z.string().trim().min(1, 'token must not be empty').max(4096).optional(),
      apiUrl: z
        .string()
        .trim()
        .max(2048)
        .regex(/^https?:\/\/\S+$/i, 'API URL must start with https:// (or http://)')
        .optional(),
    })
    .strict(),
  removeGitHost: z.object({ host: hostSchema }).strict(),
};

export interface SettingsApi {
  /** Everything the settings page shows. Tokens are never included. */
  get(input: z.infer<typeof settingsInput.get>): Promise<Settings>;
  /** Sets the commit identity for sandboxes (overrides ~/.gitconfig). New sessions use it. */
  setGitIdentity(input: z.infer<typeof settingsInput.setGitIdentity>): Promise<Settings>;
  /** Adds or changes a git host: user name, token (kept on the host) and API URL. */
  setGitHost(input: z.infer<typeof settingsInput.setGitHost>): Promise<Settings>;
  /** Forgets a git host and its stored token. */
  removeGitHost(input: z.infer<typeof settingsInput.removeGitHost>): Promise<Settings>;
}

export interface SettingsEvents {
  changed: Settings;
}
