import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../storage/db';
import { SettingsTable } from '../../storage/settingsTable';
import { EventBus } from '../events';
import { FileCredentialStore } from './credentialStore';
import { SettingsService } from './settingsService';

describe('settings: identity and git hosts', () => {
  let dir: string;
  let db: Db;
  const make = (env: NodeJS.ProcessEnv = {}) =>
    new SettingsService({
      table: new SettingsTable(db),
      credentials: new FileCredentialStore(dir),
      bus: new EventBus(),
      env,
      home: join(dir, 'home'),
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-settings-'));
    db = openDb(dir);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes the identity from the user's git config until one is set in Berth", async () => {
    mkdirSync(join(dir, 'home'));
    writeFileSync(
      join(dir, 'home', '.gitconfig'),
      '[user]\n\tname = Ada\n\temail = ada@example.com\n',
    );
    const settings = make();
    expect((await settings.get({})).gitIdentity).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      source: 'git config',
    });
    await settings.setGitIdentity({ name: 'Ada L', email: 'ada@work.example' });
    expect(settings.identity()).toEqual({
      name: 'Ada L',
      email: 'ada@work.example',
      source: 'settings',
    });
  });

  it('keeps tokens in a file only the user can read, never in the database or the answer', async () => {
    const token = 'canary-token-5f2a9c';
    const settings = make();
    const answer = await settings.setGitHost({
      host: '127.0.0.1:8080',
      username: 'ada',
      token,
      apiUrl: 'http://127.0.0.1:9090/',
    });
    expect(JSON.stringify(answer)).not.toContain(token);
    expect(answer.gitHosts).toEqual([
      {
        host: '127.0.0.1:8080',
        username: 'ada',
        hasToken: true,
        tokenSource: 'file',
        apiUrl: 'http://127.0.0.1:9090',
      },
    ]);
    const file = join(dir, 'credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(token);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(dir, 'berth.db')).includes(Buffer.from(token))).toBe(false);
    expect(settings.credentialsFor('http://127.0.0.1:8080/acme/widgets.git')).toMatchObject({
      username: 'ada',
      token,
      apiUrl: 'http://127.0.0.1:9090',
    });
    // Changing the user name keeps the token; removing the host forgets it.
    await settings.setGitHost({ host: '127.0.0.1:8080', username: 'grace' });
    expect(settings.credentialsFor('http://127.0.0.1:8080/x').token).toBe(token);
    await settings.removeGitHost({ host: '127.0.0.1:8080' });
    expect(settings.credentialsFor('http://127.0.0.1:8080/x').token).toBeUndefined();
  });

  it('uses GITHUB_TOKEN for github.com only, and says where it came from', async () => {
    const settings = make({ GITHUB_TOKEN: 'from-env' });
    expect(settings.credentialsFor('https://github.com/acme/widgets.git')).toMatchObject({
      token: 'from-env',
      apiUrl: 'https://api.github.com',
      username: 'x-access-token',
    });
    expect(settings.credentialsFor('https://ghe.example.com/acme/widgets.git')).toMatchObject({
      token: undefined,
      apiUrl: 'https://ghe.example.com/api/v3',
    });
    expect((await settings.get({})).gitHosts).toEqual([
      expect.objectContaining({ host: 'github.com', tokenSource: 'env', hasToken: true }),
    ]);
  });
});
