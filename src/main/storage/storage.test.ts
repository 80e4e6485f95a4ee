import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from './db';
import { lockDataDir } from './dataDirLock';
import { migrations } from './migrations';
import { SessionsTable } from './sessionsTable';
import { TerminalsTable } from './terminalsTable';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-storage-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const session = (id: string, name: string) => ({
  id,
  name,
  status: 'creating' as const,
  engineId: 'local',
  createdAt: new Date(Date.now() + Number(id.replace(/\D/g, '') || 0)).toISOString(),
  updatedAt: new Date().toISOString(),
});

describe('storage', () => {
  it('opens a WAL database with foreign keys and every migration applied', () => {
    const db = openDb(tempDir());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('keeps sessions across reopen, newest first, deleted ones hidden but kept', () => {
    const dir = tempDir();
    let db = openDb(dir);
    const table = new SessionsTable(db);
    table.insert(session('s1', 'First'));
    table.insert(session('s2', 'Second'));
    table.update('s1', { status: 'deleted' });
    db.close();
    db = openDb(dir);
    const reopened = new SessionsTable(db);
    expect(reopened.list().map((s) => s.id)).toEqual(['s2']);
    expect(reopened.list(true).map((s) => s.id)).toEqual(['s2', 's1']);
    expect(reopened.get('s1')?.status).toBe('deleted');
    db.close();
  });

  it('enforces unique live names case-insensitively but frees the name of a deleted session', () => {
    const db = openDb(tempDir());
    const table = new SessionsTable(db);
    table.insert(session('s1', 'Demo'));
    expect(() => table.insert(session('s2', 'demo'))).toThrow(/UNIQUE/);
    table.update('s1', { status: 'deleted' });
    table.insert(session('s3', 'demo'));
    expect(table.findLiveByName('DEMO')?.id).toBe('s3');
    db.close();
  });

  it('refuses a terminal for a session that does not exist', () => {
    const db = openDb(tempDir());
    const terminals = new TerminalsTable(db);
    expect(() =>
      terminals.insert({
        id: 't1',
        sessionId: 'missing',
        title: 'Terminal 1',
        status: 'running',
        cols: 80,
        rows: 24,
        position: 0,
        createdAt: new Date().toISOString(),
      }),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('refuses a database from a newer Berth instead of damaging it', () => {
    const dir = tempDir();
    const db = openDb(dir);
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();
    expect(() => openDb(dir)).toThrow(/newer Berth/);
  });

  it('lets one process own a data directory and names the owner to the next', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    lock.describe({ url: 'http://127.0.0.1:1234/' });
    // A second process: the lock is an OS-level file lock, so test it across processes.
    const script = `
      import('${join(import.meta.dirname, 'dataDirLock.ts').replace(/\\/g, '/')}')
        .then(({ lockDataDir }) => { try { lockDataDir(process.argv[1]); console.log('got it'); } catch (e) { console.log(e.message); } });`;
    const run = () =>
      spawnSync(process.execPath, ['--input-type=module', '-e', script, dir], { encoding: 'utf8' });
    const second = run();
    expect(second.stdout).toMatch(/Another Berth is already using/);
    expect(second.stdout).toMatch(/http:\/\/127\.0\.0\.1:1234\//);
    lock.release();
    expect(run().stdout).toMatch(/got it/);
  });
});
