import Database from 'better-sqlite3';
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface DataDirOwner {
  pid: number;
  startedAt: string;
  url?: string;
}

export class DataDirInUseError extends Error {
  readonly dataDir: string;
  readonly owner: DataDirOwner | undefined;

  // No parameter properties: the lock is also loaded by Node's type stripping in tests.
  constructor(dataDir: string, owner?: DataDirOwner) {
    super(
      `Another Berth is already using ${dataDir}` +
        (owner
          ? ` (pid ${owner.pid}, started ${owner.startedAt}${owner.url ? `, at ${owner.url}` : ''})`
          : '') +
        '. Close it first, or start this one with a different --data-dir.',
    );
    this.name = 'DataDirInUseError';
    this.dataDir = dataDir;
    this.owner = owner;
  }
}

export interface DataDirLock {
  /** Records where this workbench can be reached, for the message the next one prints. */
  describe(info: { url?: string }): void;
  release(): void;
}

/**
 * Makes this process the one owner of a data directory. The lock is an exclusive SQLite lock on
 * `berth.lock` held for the life of the process: the kernel drops it when the process dies, so
 * a crash never leaves a stale lock behind. `owner.json` only feeds the message.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const ownerFile = join(dataDir, 'owner.json');
  const lockDb = new Database(join(dataDir, 'berth.lock'), { timeout: 200 });
  try {
    lockDb.pragma('locking_mode = EXCLUSIVE');
    // A write takes the exclusive lock; with locking_mode EXCLUSIVE it is kept until close.
    lockDb.exec(
      'CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY); BEGIN EXCLUSIVE; COMMIT;',
    );
  } catch (error) {
    lockDb.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new DataDirInUseError(dataDir, readOwner(ownerFile));
    }
    throw error;
  }
  const owner = { pid: process.pid, startedAt: new Date().toISOString() };
  writeFileSync(ownerFile, JSON.stringify(owner));
  return {
    describe(info) {
      writeFileSync(ownerFile, JSON.stringify({ ...owner, ...info }));
    },
    release() {
      if (!lockDb.open) return;
      rmSync(ownerFile, { force: true });
      lockDb.close();
    },
  };
}

function readOwner(file: string): DataDirOwner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DataDirOwner;
  } catch {
    return undefined;
  }
}
