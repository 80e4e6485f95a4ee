import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamText } from 'ai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RpcError, type ModelProvider } from '../../../shared/contract';
import { openDb, type Db } from '../../storage/db';
import { ModelProvidersTable } from '../../storage/modelProvidersTable';
import { SettingsTable } from '../../storage/settingsTable';
import { say, startScriptedModel, type ScriptedModelServer } from '../../testing/scriptedModel';
import { EventBus } from '../events';
import { FileCredentialStore } from '../settings/credentialStore';
import { apiKeyName, ModelsService } from './modelsService';

const KEY = 'sk-ant-test-0123456789';

let model: ScriptedModelServer;
let keyed: ScriptedModelServer;
beforeAll(async () => {
  model = await startScriptedModel();
  keyed = await startScriptedModel({ apiKey: KEY });
});
afterAll(async () => {
  await Promise.all([model.close(), keyed.close()]);
});

describe('models service', () => {
  let dir: string;
  let db: Db;
  let credentials: FileCredentialStore;
  let bus: EventBus;
  let events: ModelProvider[][];
  let service: ModelsService;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-models-'));
    db = openDb(dir);
    credentials = new FileCredentialStore(dir);
    bus = new EventBus();
    events = [];
    bus.on('models.changed', (list) => events.push(list));
    service = new ModelsService({
      table: new ModelProvidersTable(db),
      settings: new SettingsTable(db),
      credentials,
      bus,
      discoveryPorts: [{ name: 'Ollama', port: Number(new URL(model.url).port) }],
    });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rejection = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RpcError);
    return error as RpcError;
  };

  const saveOllama = () =>
    service.save({
      kind: 'openai-compatible',
      name: 'Ollama',
      baseUrl: `${model.baseUrl('openai')}/`,
    });

  const saveAnthropic = () =>
    service.save({
      kind: 'anthropic',
      name: 'Anthropic',
      baseUrl: keyed.baseUrl('anthropic'),
      apiKey: KEY,
    });

  it('saves a local server after listing its models, and tells every window', async () => {
    const saved = await saveOllama();
    expect(saved).toMatchObject({
      kind: 'openai-compatible',
      name: 'Ollama',
      baseUrl: model.baseUrl('openai'),
      hasApiKey: false,
      models: [
        { id: 'qwen2.5-coder:7b', images: false, reasoning: false },
        { id: 'qwen3:8b', images: false, reasoning: true },
      ],
    });
    expect(saved.checkedAt).toMatch(/^\d{4}-/);
    expect(await service.list({})).toEqual([saved]);
    expect(events).toEqual([[saved]]);
  });

  it('finds the local server on its port', async () => {
    const [found] = await service.discover({});
    expect(found).toMatchObject({ name: 'Ollama', baseUrl: `${model.url}/v1` });
  });

  it('saves nothing when the URL or the key is wrong', async () => {
    const missing = await rejection(service.save({ kind: 'openai-compatible', name: 'Local' }));
    expect(missing).toMatchObject({ code: 'invalid_input', data: { field: 'baseUrl' } });
    expect(missing.message).toContain('baseUrl is required');

    const noKey = await rejection(service.save({ kind: 'anthropic', name: 'Anthropic' }));
    expect(noKey).toMatchObject({ code: 'invalid_input', data: { field: 'apiKey' } });

    const wrongKey = await rejection(
      service.save({
        kind: 'anthropic',
        name: 'A',
        baseUrl: keyed.baseUrl('anthropic'),
        apiKey: 'sk-nope',
      }),
    );
    expect(wrongKey.code).toBe('permission_denied');
    expect(wrongKey.message).toBe('invalid x-api-key. Check the API key in Settings → Models.');

    const wrongUrl = await rejection(
      service.save({ kind: 'openai-compatible', name: 'L', baseUrl: `${model.url}/nothing/v1` }),
    );
    expect(wrongUrl.message).toContain('check that the URL ends with /v1');

    expect(await service.list({})).toEqual([]);
    expect(readdirSync(dir)).not.toContain('credentials.json');
    expect(events).toEqual([]);
  });

  it('keeps the API key in the credential store only', async () => {
    const saved = await saveAnthropic();
    expect(saved.hasApiKey).toBe(true);
    expect(credentials.get(`model-provider:${saved.id}`)).toBe(KEY);
    expect(JSON.stringify(events)).not.toContain(KEY);
    expect(JSON.stringify(await service.list({}))).not.toContain(KEY);
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(dir).filter((f) => f.startsWith('berth.db'))) {
      expect(readFileSync(join(dir, file)).includes(KEY)).toBe(false);
    }
  });

  it('refuses a second provider with the same name, whatever the case', async () => {
    await saveOllama();
    const error = await rejection(
      service.save({ kind: 'openai-compatible', name: 'OLLAMA', baseUrl: model.baseUrl('openai') }),
    );
    expect(error).toMatchObject({ code: 'conflict', data: { field: 'name' } });
  });

  it('keeps the saved key on edit, but not for another host', async () => {
    const saved = await saveAnthropic();
    const renamed = await service.save({
      id: saved.id,
      kind: 'anthropic',
      name: 'Claude',
      baseUrl: keyed.baseUrl('anthropic'),
    });
    expect(renamed).toMatchObject({ id: saved.id, name: 'Claude', hasApiKey: true });

    const moved = await rejection(
      service.save({
        id: saved.id,
        kind: 'anthropic',
        name: 'Claude',
        baseUrl: 'http://127.0.0.2:9/v1',
      }),
    );
    expect(moved).toMatchObject({ code: 'invalid_input', data: { field: 'apiKey' } });
    expect(moved.message).toContain('another host');
    expect(credentials.get(apiKeyName(saved.id))).toBe(KEY);
  });

  it('lists the models again on refresh', async () => {
    const saved = await saveOllama();
    model.setModels('openai', ['llama3.2:3b']);
    try {
      const refreshed = await service.refresh({ id: saved.id });
      expect(refreshed.models.map((m) => m.id)).toEqual(['llama3.2:3b']);
      expect(events.at(-1)).toEqual([refreshed]);
    } finally {
      model.setModels('openai', ['qwen2.5-coder:7b', 'qwen3:8b']);
    }
  });

  it('picks a default: the chosen one, else the first model of the first provider', async () => {
    expect(await service.getDefault({})).toBeNull();
    const ollama = await saveOllama();
    const anthropic = await saveAnthropic();
    expect(await service.getDefault({})).toEqual({
      providerId: ollama.id,
      modelId: 'qwen2.5-coder:7b',
    });

    await service.setDefault({ model: { providerId: anthropic.id, modelId: 'claude-haiku-4-5' } });
    expect(await service.getDefault({})).toEqual({
      providerId: anthropic.id,
      modelId: 'claude-haiku-4-5',
    });

    const unknown = await rejection(
      service.setDefault({ model: { providerId: anthropic.id, modelId: 'claude-2' } }),
    );
    expect(unknown).toMatchObject({ code: 'invalid_input', data: { field: 'modelId' } });

    await service.remove({ id: anthropic.id });
    expect(credentials.get(apiKeyName(anthropic.id))).toBeUndefined();
    expect(await service.getDefault({})).toEqual({
      providerId: ollama.id,
      modelId: 'qwen2.5-coder:7b',
    });
    expect(events.at(-1)).toEqual([ollama]);
  });

  it('resolves a choice to a model the agent can call', async () => {
    const saved = await saveAnthropic();
    const resolved = service.resolve({ providerId: saved.id, modelId: 'claude-sonnet-4-5' });
    expect(resolved).toMatchObject({
      kind: 'anthropic',
      info: { id: 'claude-sonnet-4-5', reasoning: true },
      provider: { id: saved.id, hasApiKey: true },
    });
    keyed.push(say('Hello from the resolved model.'));
    const result = streamText({ model: resolved.model, prompt: 'hi', maxRetries: 0 });
    expect(await result.text).toBe('Hello from the resolved model.');
    keyed.expectDone();

    await service.remove({ id: saved.id });
    const gone = (() => {
      try {
        service.resolve({ providerId: saved.id, modelId: 'claude-sonnet-4-5' });
      } catch (error) {
        return error as RpcError;
      }
    })();
    expect(gone).toMatchObject({
      code: 'unavailable',
      message: `The model provider ${saved.id} was removed. Pick another model.`,
    });
  });

  it('checks a provider without saving it', async () => {
    const models = await service.check({
      kind: 'mistral',
      name: 'Mistral',
      baseUrl: keyed.baseUrl('mistral'),
      apiKey: KEY,
    });
    expect(models.map((m) => m.id)).toEqual(['mistral-small-latest', 'codestral-latest']);
    expect(await service.list({})).toEqual([]);
  });

  it('forgets a provider it does not know with not_found', async () => {
    expect(await rejection(service.remove({ id: 'nope' }))).toMatchObject({ code: 'not_found' });
    expect(await rejection(service.refresh({ id: 'nope' }))).toMatchObject({ code: 'not_found' });
  });
});
