import type { ModelInfo, ModelProvider, ProviderKind } from '../../shared/contract';
import type { Db } from './db';

interface ProviderRow {
  id: string;
  kind: ProviderKind;
  name: string;
  base_url: string;
  models_json: string;
  checked_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A provider as stored: everything but `hasApiKey`, which the credential store knows. */
export type StoredProvider = Omit<ModelProvider, 'hasApiKey'>;

/** The `model_providers` table. API keys are never here: they live in the credential store. */
export class ModelProvidersTable {
  constructor(private readonly db: Db) {}

  /** In the order they were added, so "the first provider" stays the same one. */
  list(): StoredProvider[] {
    const rows = this.db
      .prepare('SELECT * FROM model_providers ORDER BY created_at, rowid')
      .all() as ProviderRow[];
    return rows.map(toProvider);
  }

  get(id: string): StoredProvider | undefined {
    const row = this.db.prepare('SELECT * FROM model_providers WHERE id = ?').get(id) as
      ProviderRow | undefined;
    return row && toProvider(row);
  }

  findByName(name: string): StoredProvider | undefined {
    const row = this.db
      .prepare('SELECT * FROM model_providers WHERE lower(name) = lower(?)')
      .get(name) as ProviderRow | undefined;
    return row && toProvider(row);
  }

  /** Inserts or updates a provider; `created_at` is kept on update. */
  save(provider: StoredProvider, now = new Date().toISOString()): void {
    this.db
      .prepare(
        `INSERT INTO model_providers (id, kind, name, base_url, models_json, checked_at, created_at, updated_at)
         VALUES (@id, @kind, @name, @baseUrl, @modelsJson, @checkedAt, @now, @now)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
           base_url = excluded.base_url, models_json = excluded.models_json,
           checked_at = excluded.checked_at, updated_at = excluded.updated_at`,
      )
      .run({
        id: provider.id,
        kind: provider.kind,
        name: provider.name,
        baseUrl: provider.baseUrl,
        modelsJson: JSON.stringify(provider.models),
        checkedAt: provider.checkedAt ?? null,
        now,
      });
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM model_providers WHERE id = ?').run(id);
  }
}

function toProvider(row: ProviderRow): StoredProvider {
  const provider: StoredProvider = {
    id: row.id,
    kind: row.kind,
    name: row.name,
    baseUrl: row.base_url,
    models: JSON.parse(row.models_json) as ModelInfo[],
  };
  if (row.checked_at) provider.checkedAt = row.checked_at;
  return provider;
}
