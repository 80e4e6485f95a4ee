import * as fs from 'node:fs';
import { join } from 'node:path';
import type { CredentialStoreInfo } from '../../../shared/contract';

/**
 * Where git host tokens are kept. Never the database, the logs or a sandbox: the file store
 * below in browser mode and the CLI, the OS keychain (Electron's safeStorage) in the app.
 */
export interface CredentialStore {
  info(): CredentialStoreInfo;
  get(host: string): string | undefined;
  set(host: string, token: string): void;
  delete(host: string): void;
}

interface TokenFile {
  tokens: Record<string, string>;
}

/**
 * Tokens in `<dataDir>/credentials.json`, readable by the user only (mode 600; the data
 * directory itself is the user's). Written whole to a temp file and renamed, so a crash never
 * leaves half a file.
 */
export class FileCredentialStore implements CredentialStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'credentials.json');
  }

  info(): CredentialStoreInfo {
    return {
      kind: 'file',
      description: `Tokens are kept in ${this.file}, a file only your user can read (mode 600). They never reach the window, the database, the logs or a sandbox.`,
    };
  }

  get(host: string): string | undefined {
    return this.read().tokens[host];
  }

  set(host: string, token: string): void {
    const data = this.read();
    data.tokens[host] = token;
    this.write(data);
  }

  delete(host: string): void {
    const data = this.read();
    if (!(host in data.tokens)) return;
    delete data.tokens[host];
    this.write(data);
  }

  private read(): TokenFile {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<TokenFile>;
      return { tokens: { ...(parsed.tokens ?? {}) } };
    } catch {
      return { tokens: {} };
    }
  }

  private write(data: TokenFile): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(temp, this.file);
    fs.chmodSync(this.file, 0o600);
  }
}
