import { safeStorage } from 'electron';
import * as fs from 'node:fs';
import { join } from 'node:path';
import type { CredentialStoreInfo } from '../../shared/contract';
import { FileCredentialStore, type CredentialStore } from '../services/settings/credentialStore';

/**
 * Tokens encrypted with the OS keychain (Electron's safeStorage: Keychain, DPAPI, libsecret),
 * the ciphertext kept in `<dataDir>/credentials.keychain.json` (mode 600). Where the OS offers
 * no encryption (Linux without a secret service), the plain file store is used and the
 * settings page says so.
 */
class KeychainCredentialStore implements CredentialStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'credentials.keychain.json');
  }

  info(): CredentialStoreInfo {
    return {
      kind: 'keychain',
      description: `Tokens are encrypted with your system keychain and kept in ${this.file}. They never reach the window, the database, the logs or a sandbox.`,
    };
  }

  get(host: string): string | undefined {
    const sealed = this.read()[host];
    return sealed === undefined
      ? undefined
      : safeStorage.decryptString(Buffer.from(sealed, 'base64'));
  }

  set(host: string, token: string): void {
    this.write({ ...this.read(), [host]: safeStorage.encryptString(token).toString('base64') });
  }

  delete(host: string): void {
    const all = this.read();
    delete all[host];
    this.write(all);
  }

  private read(): Record<string, string> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  private write(all: Record<string, string>): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}

/** The best store the platform offers; call after the app is ready. */
export function appCredentialStore(dataDir: string): CredentialStore {
  return safeStorage.isEncryptionAvailable()
    ? new KeychainCredentialStore(dataDir)
    : new FileCredentialStore(dataDir);
}
