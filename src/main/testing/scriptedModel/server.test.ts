import { afterEach, describe, expect, it } from 'vitest';
import { NO_STEP_LEFT, say, startScriptedModel, type ScriptedModelServer } from '.';

/** The scripted server's own behaviour, over raw HTTP; the SDK side is in providers.protocol.test.ts. */

let server: ScriptedModelServer;
afterEach(() => server.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const chat = {
  model: 'm',
  stream: true,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'Fix the build.' }] },
  ],
  tools: [{ type: 'function', function: { name: 'run_command', parameters: {} } }],
};

describe('scripted model server', () => {
  it('fails loudly when a request finds no step, and expectDone says so', async () => {
    server = await startScriptedModel();
    const response = await post('/openai/v1/chat/completions', chat);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { message: NO_STEP_LEFT } });
    expect(() => server.expectDone()).toThrow(NO_STEP_LEFT);
  });

  it('reports steps left unused', async () => {
    server = await startScriptedModel();
    server.push(say('never asked for'));
    expect(server.pending()).toBe(1);
    expect(() => server.expectDone()).toThrow('1 step(s) left unused');
  });

  it('hands a step function the request, and rethrows its failure from expectDone', async () => {
    server = await startScriptedModel();
    const seen: string[] = [];
    server.push(
      (request) => {
        seen.push(request.instructions, request.lastUserText, ...request.toolNames);
        return say('ok');
      },
      () => {
        throw new Error('expected a read_file tool');
      },
    );
    expect((await post('/openai/v1/chat/completions', chat)).status).toBe(200);
    expect(seen).toEqual(['Be brief.', 'Fix the build.', 'run_command']);
    const failed = await post('/openai/v1/chat/completions', chat);
    // 400 so the SDK does not retry it.
    expect(failed.status).toBe(400);
    expect(() => server.expectDone()).toThrow('expected a read_file tool');
  });

  it('streams OpenAI chunks ending with usage (when asked) and [DONE]', async () => {
    server = await startScriptedModel();
    server.push({ text: 'Done.', usage: { input: 10, output: 2 } });
    const response = await post('/v1/chat/completions', {
      ...chat,
      stream_options: { include_usage: true },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const frames = (await response.text()).trim().split('\n\n');
    expect(frames.at(-1)).toBe('data: [DONE]');
    expect(JSON.parse(frames.at(-2)!.slice(6))).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
    });
    expect(server.requests[0]).toMatchObject({ provider: 'openai', path: '/v1/chat/completions' });
  });

  it('asks for the API key in each provider’s own error shape', async () => {
    server = await startScriptedModel({ apiKey: 'sk-right' });
    const wrong = await fetch(`${server.baseUrl('openai')}/models`, {
      headers: { authorization: 'Bearer sk-wrong' },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: {
        message: 'Incorrect API key provided',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
    const anthropic = await fetch(`${server.baseUrl('anthropic')}/models`, {
      headers: { 'x-api-key': 'sk-wrong', 'anthropic-version': '2023-06-01' },
    });
    expect(await anthropic.json()).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'invalid x-api-key' },
    });
    const right = await fetch(`${server.baseUrl('openai')}/models`, {
      headers: { authorization: 'Bearer sk-right' },
    });
    expect(right.status).toBe(200);
    expect(server.listings[0]!.headers).not.toHaveProperty('authorization');
  });

  it('lists models in each provider’s shape', async () => {
    server = await startScriptedModel({ models: { anthropic: ['claude-opus-4-6'] } });
    server.setModels('openai', ['llama3.2:3b']);
    const openai = await (await fetch(`${server.baseUrl('openai-compatible')}/models`)).json();
    expect(openai).toEqual({
      object: 'list',
      data: [{ id: 'llama3.2:3b', object: 'model', created: 1_760_000_000, owned_by: 'scripted' }],
    });
    const anthropic = (await (
      await fetch(`${server.baseUrl('anthropic')}/models`, {
        headers: { 'anthropic-version': '2023-06-01' },
      })
    ).json()) as { data: unknown[] };
    expect(anthropic.data[0]).toMatchObject({
      id: 'claude-opus-4-6',
      type: 'model',
      display_name: 'claude-opus-4-6',
    });
    const mistral = (await (await fetch(`${server.baseUrl('mistral')}/models`)).json()) as {
      data: unknown[];
    };
    expect(mistral.data[0]).toMatchObject({ capabilities: { completion_chat: true } });
  });

  it('answers unknown paths with 404 like a real server', async () => {
    server = await startScriptedModel();
    const bare = await fetch(`${server.url}/api/tags`);
    expect(bare.status).toBe(404);
    expect(await bare.text()).toBe('404 page not found');
    const openai = await fetch(`${server.url}/openai/models`);
    expect(openai.status).toBe(404);
  });
});
