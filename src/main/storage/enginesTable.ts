import type { HostKey } from '../../shared/contract';
import type { Db } from './db';

/** A remote engine as the user added it. */
export interface StoredEngine {
  id: string;
  name: string;
  kind: 'ssh' | 'tls';
  /** `ssh://user@host:port` or `tcp://host:port`, normalised. */
  address: string;
  identityFile?: string;
  socketPath?: string;
  tls?: { ca: string; cert: string; key: string };
  /** The SSH host key accepted on first connection. */
  hostKey?: HostKey;
  createdAt: string;
}

interface Row {
  id: string;
  name: string;
  kind: 'ssh' | 'tls';
  address: string;
  identity_file: string | null;
  socket_path: string | null;
  tls_ca: string | null;
  tls_cert: string | null;
  tls_key: string | null;
  host_key_type: string | null;
  host_key_fingerprint: string | null;
  created_at: string;
}

const toEngine = (row: Row): StoredEngine => {
  const engine: StoredEngine = {
    id: row.id,
    name: row.name,
    kind: row.kind,
    address: row.address,
    createdAt: row.created_at,
  };
  if (row.identity_file) engine.identityFile = row.identity_file;
  if (row.socket_path) engine.socketPath = row.socket_path;
  if (row.tls_ca && row.tls_cert && row.tls_key) {
    engine.tls = { ca: row.tls_ca, cert: row.tls_cert, key: row.tls_key };
  }
  if (row.host_key_type && row.host_key_fingerprint) {
    engine.hostKey = { type: row.host_key_type, fingerprint: row.host_key_fingerprint };
  }
  return engine;
};

/** The `engines` table: remote engines, oldest first. */
export class EnginesTable {
  constructor(private readonly db: Db) {}

  list(): StoredEngine[] {
    const rows = this.db.prepare('SELECT * FROM engines ORDER BY created_at, rowid').all() as Row[];
    return rows.map(toEngine);
  }

  get(id: string): StoredEngine | undefined {
    const row = this.db.prepare('SELECT * FROM engines WHERE id = ?').get(id) as Row | undefined;
    return row && toEngine(row);
  }

  findByAddress(address: string): StoredEngine | undefined {
    const row = this.db.prepare('SELECT * FROM engines WHERE address = ?').get(address) as
      Row | undefined;
    return row && toEngine(row);
  }

  insert(engine: StoredEngine): void {
    this.db
      .prepare(
        `INSERT INTO engines (id, name, kind, address, identity_file, socket_path, tls_ca,
           tls_cert, tls_key, host_key_type, host_key_fingerprint, created_at)
         VALUES (@id, @name, @kind, @address, @identityFile, @socketPath, @ca, @cert, @key,
           @hostKeyType, @hostKeyFingerprint, @createdAt)`,
      )
      .run({
        id: engine.id,
        name: engine.name,
        kind: engine.kind,
        address: engine.address,
        identityFile: engine.identityFile ?? null,
        socketPath: engine.socketPath ?? null,
        ca: engine.tls?.ca ?? null,
        cert: engine.tls?.cert ?? null,
        key: engine.tls?.key ?? null,
        hostKeyType: engine.hostKey?.type ?? null,
        hostKeyFingerprint: engine.hostKey?.fingerprint ?? null,
        createdAt: engine.createdAt,
      });
  }

  trustHostKey(id: string, key: HostKey): void {
    this.db
      .prepare('UPDATE engines SET host_key_type = ?, host_key_fingerprint = ? WHERE id = ?')
      .run(key.type, key.fingerprint, id);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM engines WHERE id = ?').run(id);
  }
}
