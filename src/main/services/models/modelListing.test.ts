import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/contract';
import { startScriptedModel, type ScriptedModelServer } from '../../testing/scriptedModel';
import { discoverLocalServers } from './localDiscovery';
import { listModels, providerMessage, redactKey } from './modelListing';
import { describeModel } from './providerCatalog';

/** A plain HTTP server answering every request with `status`, `type` and `body` (or never). */
async function startPlain(status: number, type: string, body: string | null): Promise<Server> {
  const server = createServer((_req, res) => {
    if (body === null) return; // never answers
    res.writeHead(status, { 'content-type': type }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = await startPlain(200, 'text/plain', '');
  const port = portOf(server);
  server.close();
  await once(server, 'close');
  return port;
}

async function failure(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}

let model: ScriptedModelServer;
let html: Server;
let silent: Server;
beforeAll(async () => {
  model = await startScriptedModel({
    apiKey: 'sk-secret-key-123',
    models: {
      openai: ['gpt-4o', 'whisper-1', 'text-embedding-3-small', 'o3'],
      mistral: [
        'mistral-small-latest',
        { id: 'mistral-embed', capabilities: { completion_chat: false } },
        { id: 'pixtral-large-latest', capabilities: { completion_chat: true, vision: true } },
      ],
    },
  });
  html = await startPlain(200, 'text/html', '<html><body>Welcome to nginx</body></html>');
  silent = await startPlain(200, 'application/json', null);
});
afterAll(async () => {
  html.closeAllConnections();
  silent.closeAllConnections();
  await Promise.all([
    model.close(),
    new Promise((r) => html.close(r)),
    new Promise((r) => silent.close(r)),
  ]);
});

describe('listing models', () => {
  const key = 'sk-secret-key-123';

  it('lists an OpenAI-compatible server with a Bearer key', async () => {
    const models = await listModels({
      kind: 'openai-compatible',
      baseUrl: model.baseUrl('openai-compatible'),
      apiKey: key,
    });
    expect(models.map((m) => m.id)).toEqual([
      'gpt-4o',
      'whisper-1',
      'text-embedding-3-small',
      'o3',
    ]);
    expect(model.listings.at(-1)!.headers.accept).toBe('application/json');
  });

  it('keeps only chat models for OpenAI and Mistral, with what Mistral states', async () => {
    const openai = await listModels({
      kind: 'openai',
      baseUrl: model.baseUrl('openai'),
      apiKey: key,
    });
    expect(openai.map((m) => m.id)).toEqual(['gpt-4o', 'o3']);
    expect(openai[1]).toEqual({ id: 'o3', contextWindow: 200_000, images: true, reasoning: true });
    const mistral = await listModels({
      kind: 'mistral',
      baseUrl: `${model.baseUrl('mistral')}/`,
      apiKey: key,
    });
    expect(mistral).toEqual([
      { id: 'mistral-small-latest', contextWindow: 131_072, images: false, reasoning: true },
      { id: 'pixtral-large-latest', contextWindow: 131_072, images: true, reasoning: false },
    ]);
  });

  it('sends Anthropic its own headers', async () => {
    const models = await listModels({
      kind: 'anthropic',
      baseUrl: model.baseUrl('anthropic'),
      apiKey: key,
    });
    expect(models[0]).toEqual({
      id: 'claude-sonnet-4-5',
      contextWindow: 200_000,
      images: true,
      reasoning: true,
    });
    expect(model.listings.at(-1)!.headers['anthropic-version']).toBe('2023-06-01');
  });

  it("refuses a wrong key with the provider's message and the next step, never the key", async () => {
    const openai = await failure(
      listModels({ kind: 'openai', baseUrl: model.baseUrl('openai'), apiKey: 'sk-wrong-key' }),
    );
    expect(openai.code).toBe('permission_denied');
    expect(openai.message).toBe(
      'Incorrect API key provided. Check the API key in Settings → Models.',
    );
    expect(openai.data).toMatchObject({ field: 'apiKey', status: 401 });
    const anthropic = await failure(
      listModels({
        kind: 'anthropic',
        baseUrl: model.baseUrl('anthropic'),
        apiKey: 'sk-wrong-key',
      }),
    );
    expect(anthropic.message).toBe('invalid x-api-key. Check the API key in Settings → Models.');
    const none = await failure(
      listModels({ kind: 'openai-compatible', baseUrl: model.baseUrl('openai') }),
    );
    expect(none.message).toContain('This server needs an API key');
  });

  it('says when nothing answers at the URL', async () => {
    const baseUrl = `http://127.0.0.1:${await freePort()}/v1`;
    const error = await failure(listModels({ kind: 'openai-compatible', baseUrl }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(
      `Nothing answers at ${baseUrl}. Is Ollama / llama-server running? Start it, or check the port.`,
    );
    expect(error.data).toEqual({ field: 'baseUrl' });
  });

  it('says when the URL has no models list (missing /v1)', async () => {
    const error = await failure(
      listModels({ kind: 'openai-compatible', baseUrl: `${model.url}/openai`, apiKey: key }),
    );
    expect(error.message).toBe(
      `There is no models list at ${model.url}/openai/models (404): check that the URL ends with /v1.`,
    );
  });

  it('says when the answer is not JSON', async () => {
    const baseUrl = `http://127.0.0.1:${portOf(html)}/v1`;
    const error = await failure(listModels({ kind: 'openai-compatible', baseUrl }));
    expect(error.message).toContain('is not JSON (text/html)');
  });

  it('gives up on a server that never answers', async () => {
    const baseUrl = `http://127.0.0.1:${portOf(silent)}/v1`;
    const error = await failure(listModels({ kind: 'openai-compatible', baseUrl }, 200));
    expect(error.message).toBe(
      `${baseUrl} did not answer within 0.2 s. Is the server still loading or busy? Check the URL and try again.`,
    );
  });

  it('reads the provider message from each error shape', () => {
    expect(providerMessage('{"error":{"message":"model not found"}}')).toBe('model not found');
    expect(providerMessage('{"error":"invalid token"}')).toBe('invalid token');
    expect(providerMessage('{"message":"Unauthorized","request_id":"x"}')).toBe('Unauthorized');
    expect(providerMessage('404 page not found')).toBe('404 page not found');
    expect(providerMessage('<html>nope</html>')).toBe('');
    expect(redactKey('Incorrect API key provided: sk-abc123.', 'sk-abc123')).toBe(
      'Incorrect API key provided: ***.',
    );
  });
});

describe('local discovery', () => {
  it('finds the servers that answer /v1/models and skips the rest', async () => {
    const open = await startScriptedModel({ models: { openai: ['qwen3:8b'] } });
    try {
      const port = Number(new URL(open.url).port);
      const started = Date.now();
      const found = await discoverLocalServers(
        [
          { name: 'Ollama', port: await freePort() },
          { name: 'llama.cpp', port },
          { name: 'LM Studio', port: portOf(html) },
          { name: 'vLLM', port: portOf(silent) },
          // Answers, but 401 without a key: not offered either.
          { name: 'keyed', port: Number(new URL(model.url).port) },
        ],
        300,
      );
      expect(found).toEqual([
        {
          name: 'llama.cpp',
          baseUrl: `http://127.0.0.1:${port}/v1`,
          models: [{ id: 'qwen3:8b', images: false, reasoning: true }],
        },
      ]);
      // In parallel: one timeout, not the sum of them.
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await open.close();
    }
  });
});

describe('catalog', () => {
  it.each([
    ['openai-compatible', 'qwen2.5vl:7b', { images: true, reasoning: false }],
    ['openai-compatible', 'llava:13b', { images: true, reasoning: false }],
    ['openai-compatible', 'gemma3:12b', { images: true, reasoning: false }],
    ['openai-compatible', 'deepseek-r1:14b', { images: false, reasoning: true }],
    ['openai-compatible', 'qwen3-coder:30b', { images: false, reasoning: false }],
    ['openai-compatible', 'Qwen/QwQ-32B', { images: false, reasoning: true }],
    ['openai-compatible', 'qwen2.5-coder:7b', { images: false, reasoning: false }],
    [
      'anthropic',
      'claude-3-5-haiku-latest',
      { images: true, reasoning: false, contextWindow: 200_000 },
    ],
    ['openai', 'gpt-5-chat-latest', { images: true, reasoning: false }],
    ['mistral', 'magistral-medium-latest', { reasoning: true }],
  ] as const)('%s %s', (kind, id, expected) => {
    expect(describeModel(kind, id)).toMatchObject(expected);
  });

  it('gives local open-weight models no context window: the server decides it', () => {
    expect(describeModel('openai-compatible', 'llama3.1:8b').contextWindow).toBeUndefined();
  });
});
