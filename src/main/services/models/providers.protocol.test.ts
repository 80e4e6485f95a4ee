import {
  generateText,
  streamText,
  tool,
  type ModelMessage,
  type TextStreamPart,
  type ToolSet,
} from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { ProviderKind, ReasoningEffort } from '../../../shared/contract';
import {
  callTool,
  callToolRaw,
  callTools,
  DEFAULT_SIGNATURE,
  say,
  startScriptedModel,
  think,
  type ScriptedModelServer,
} from '../../testing/scriptedModel';
import { callOptionsFor, createLanguageModel } from './languageModel';

/**
 * Each provider's wire protocol through the real provider package and `streamText`, against the
 * scripted model server. What the SDK hands the agent loop in each failure is pinned here.
 */

const providers: { kind: ProviderKind; model: string }[] = [
  { kind: 'openai-compatible', model: 'qwen3:8b' },
  { kind: 'openai', model: 'gpt-5-mini' },
  { kind: 'anthropic', model: 'claude-sonnet-4-5' },
  { kind: 'mistral', model: 'mistral-small-latest' },
];

let server: ScriptedModelServer;
beforeAll(async () => {
  server = await startScriptedModel();
});
afterEach(() => server.expectDone());
afterAll(() => server.close());

const readFile = tool({
  inputSchema: z.object({ path: z.string(), limit: z.number().optional() }),
});

interface Run {
  parts: TextStreamPart<ToolSet>[];
  thrown?: unknown;
  messages: ModelMessage[];
  /** Why `result.response` rejected, when it did. */
  responseError?: unknown;
}

/** Streams one call and collects every part; a throw from the stream is kept, not rethrown. */
async function run(
  kind: ProviderKind,
  modelId: string,
  options: {
    effort?: ReasoningEffort;
    tools?: ToolSet;
    maxRetries?: number;
    messages?: ModelMessage[];
  } = {},
): Promise<Run> {
  const model = createLanguageModel({ kind, baseUrl: server.baseUrl(kind) }, 'test-key', modelId);
  const result = streamText({
    model,
    instructions: 'You are Berth, a coding agent.',
    messages: options.messages ?? [{ role: 'user', content: 'Why does the build fail?' }],
    maxRetries: options.maxRetries ?? 0,
    timeout: 5_000,
    onError: () => {},
    ...(options.tools ? { tools: options.tools } : {}),
    ...(options.effort ? callOptionsFor(kind, modelId, options.effort) : {}),
  });
  const parts: TextStreamPart<ToolSet>[] = [];
  try {
    for await (const part of result.stream) parts.push(part);
  } catch (error) {
    return { parts, thrown: error, messages: [] };
  }
  try {
    return { parts, messages: (await result.response).messages };
  } catch (error) {
    return { parts, messages: [], responseError: error };
  }
}

const ofType = <T extends TextStreamPart<ToolSet>['type']>(parts: Run['parts'], type: T) =>
  parts.filter((p): p is Extract<TextStreamPart<ToolSet>, { type: T }> => p.type === type);

const textOf = (parts: Run['parts']) =>
  ofType(parts, 'text-delta')
    .map((p) => p.text)
    .join('');

describe.each(providers)('$kind protocol', ({ kind, model }) => {
  it('streams text in several chunks and reports usage', async () => {
    const text = 'The tests pass on main, so the bug is in the new parser.';
    server.push(say(text, { usage: { input: 321, output: 17 } }));
    const { parts } = await run(kind, model);
    expect(ofType(parts, 'text-delta').length).toBeGreaterThan(2);
    expect(textOf(parts)).toBe(text);
    const [finish] = ofType(parts, 'finish');
    expect(finish?.finishReason).toBe('stop');
    expect(finish?.totalUsage).toMatchObject({ inputTokens: 321, outputTokens: 17 });
    const request = server.requests.at(-1)!;
    expect(request).toMatchObject({
      stream: true,
      model,
      lastUserText: 'Why does the build fail?',
    });
    expect(request.instructions).toBe('You are Berth, a coding agent.');
  });

  it('parses a tool call whose arguments come in pieces', async () => {
    server.push(callTool('read_file', { path: 'src/main.ts', limit: 40 }, { text: 'Reading.' }));
    const { parts } = await run(kind, model, { tools: { read_file: readFile } });
    const calls = ofType(parts, 'tool-call');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      toolName: 'read_file',
      input: { path: 'src/main.ts', limit: 40 },
    });
    expect(calls[0]!.invalid).toBeFalsy();
    expect(ofType(parts, 'finish')[0]?.finishReason).toBe('tool-calls');
    expect(server.requests.at(-1)!.toolNames).toEqual(['read_file']);
    if (kind === 'mistral') {
      // Mistral sends each call whole, with the 9-character id its API insists on.
      expect(calls[0]!.toolCallId).toMatch(/^[a-zA-Z0-9]{9}$/);
    } else {
      expect(ofType(parts, 'tool-input-delta').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('parses two tool calls in one step, in order', async () => {
    server.push(
      callTools(
        { name: 'read_file', input: { path: 'a.ts' } },
        { name: 'read_file', input: { path: 'b.ts' } },
      ),
    );
    const { parts } = await run(kind, model, { tools: { read_file: readFile } });
    const calls = ofType(parts, 'tool-call');
    expect(calls.map((c) => c.input)).toEqual([{ path: 'a.ts' }, { path: 'b.ts' }]);
    expect(new Set(calls.map((c) => c.toolCallId)).size).toBe(2);
  });

  it('answers a call that does not stream (generateText)', async () => {
    server.push({ text: 'Reading.', toolCalls: [{ name: 'read_file', input: { path: 'x.ts' } }] });
    const result = await generateText({
      model: createLanguageModel({ kind, baseUrl: server.baseUrl(kind) }, 'test-key', model),
      prompt: 'Summarize.',
      tools: { read_file: readFile },
      maxRetries: 0,
    });
    expect(result.text).toBe('Reading.');
    expect(result.toolCalls.map((c) => c.input)).toEqual([{ path: 'x.ts' }]);
    expect(server.requests.at(-1)!.stream).toBe(false);
  });

  it('surfaces an error sent mid-stream as an error part with the message', async () => {
    server.push(say('Looking at the logs now', { errorMidStream: 'Overloaded' }));
    const { parts, thrown } = await run(kind, model);
    expect(thrown).toBeUndefined();
    expect(textOf(parts)).toBe('Looking at the logs now');
    const [error] = ofType(parts, 'error');
    // OpenAI-compatible, OpenAI and Anthropic: a StreamProviderError with the provider's own
    // message. Mistral has no error chunk in its schema: a TypeValidationError quoting the chunk.
    expect((error?.error as Error).message).toContain('Overloaded');
    expect(ofType(parts, 'finish')[0]?.finishReason).toBe('error');
  });

  it('retries an HTTP 500 before the stream opens (maxRetries)', async () => {
    server.push(
      { httpStatus: 500, message: 'upstream hiccup', headers: { 'retry-after-ms': '10' } },
      say('Recovered.'),
    );
    const before = server.requests.length;
    const { parts } = await run(kind, model, { maxRetries: 2 });
    expect(textOf(parts)).toBe('Recovered.');
    expect(server.requests.length - before).toBe(2);
  });

  it('reports an HTTP error it does not retry with the provider message', async () => {
    server.push({ httpStatus: 400, message: 'messages: tool_use ids were found without results' });
    const { parts, thrown, responseError } = await run(kind, model, { maxRetries: 2 });
    // Not thrown: an `error` part (APICallError, statusCode 400, isRetryable false); then
    // `result.response` rejects with NoOutputGeneratedError.
    expect(thrown).toBeUndefined();
    expect((responseError as Error).name).toBe('AI_NoOutputGeneratedError');
    const [error] = ofType(parts, 'error');
    expect(error?.error).toMatchObject({ statusCode: 400, isRetryable: false });
    expect((error?.error as Error).message).toContain('tool_use ids were found without results');
  });

  it('throws from the stream when the connection drops, instead of hanging', async () => {
    server.push(say('Half of an answer that', { dropConnection: true }));
    const { parts, thrown } = await run(kind, model);
    expect(textOf(parts)).toBe('Half of an answer that');
    // No error part and no onError call: iterating `stream` rejects with an APICallError
    // ("Failed to process successful response", isRetryable true, cause TypeError "terminated").
    expect(thrown).toMatchObject({
      message: 'Failed to process successful response',
      isRetryable: true,
    });
    expect(String((thrown as Error).cause)).toContain('terminated');
  });

  it('turns malformed tool-call JSON into an invalid call and a tool error', async () => {
    const execute = vi.fn(async () => 'never');
    server.push(callToolRaw('read_file', '{"path": "src/ma'));
    const { parts, messages } = await run(kind, model, {
      tools: { read_file: tool({ inputSchema: readFile.inputSchema, execute }) },
    });
    // The SDK gives: a `tool-call` part with invalid: true, dynamic: true, input = the raw
    // string and error = InvalidToolInputError (cause JSONParseError); then a `tool-error` part
    // with the same id. The tool never runs. In the response messages the call's input becomes
    // {} and its result is {type:'error-text', value:'AI_InvalidToolInputError: …'}, which the
    // next step sends to the model.
    const [call] = ofType(parts, 'tool-call');
    expect(call).toMatchObject({ invalid: true, input: '{"path": "src/ma' });
    expect((call as { error?: Error }).error?.name).toBe('AI_InvalidToolInputError');
    const [toolError] = ofType(parts, 'tool-error');
    expect(toolError?.toolCallId).toBe(call!.toolCallId);
    expect(execute).not.toHaveBeenCalled();
    const result = messages
      .flatMap((m) => (m.role === 'tool' ? m.content : []))
      .find((p) => p.type === 'tool-result');
    expect(result?.output).toMatchObject({ type: 'error-text' });
    expect(JSON.stringify(result?.output)).toContain('JSON parsing failed');
  });
});

describe('timeouts', () => {
  it('aborts a model that sends nothing within firstChunkMs', async () => {
    server.push(say('Too late.', { delayMs: 1_000 }));
    const model = createLanguageModel(
      { kind: 'openai-compatible', baseUrl: server.baseUrl('openai-compatible') },
      undefined,
      'qwen3:8b',
    );
    const result = streamText({
      model,
      prompt: 'hi',
      maxRetries: 0,
      timeout: { firstChunkMs: 100 },
      onError: () => {},
    });
    const types: string[] = [];
    let thrown: unknown;
    try {
      for await (const part of result.stream) types.push(part.type);
    } catch (error) {
      thrown = error;
    }
    // Neither an error part nor a throw: the stream ends with an `abort` part.
    expect(thrown).toBeUndefined();
    expect(types).toContain('abort');
    expect(types).not.toContain('text-delta');
  });
});

describe('reasoning', () => {
  it('keeps Anthropic thinking with its signature and sends it back next turn', async () => {
    server.push(think('Need to read the file first.', 'Reading it.'), say('Done.'));
    const first = await run('anthropic', 'claude-sonnet-4-5', { effort: 'high' });
    const reasoning = ofType(first.parts, 'reasoning-delta')
      .map((p) => p.text)
      .join('');
    expect(reasoning).toBe('Need to read the file first.');
    const assistant = first.messages.find((m) => m.role === 'assistant');
    const part = Array.isArray(assistant?.content)
      ? assistant.content.find((p) => p.type === 'reasoning')
      : undefined;
    expect(part?.providerOptions?.anthropic?.signature).toBe(DEFAULT_SIGNATURE);

    await run('anthropic', 'claude-sonnet-4-5', {
      effort: 'high',
      messages: [
        { role: 'user', content: 'Why does the build fail?' },
        ...first.messages,
        { role: 'user', content: 'Go on.' },
      ],
    });
    const sent = server.requests.at(-1)!.messages as { role: string; content: unknown }[];
    expect(sent.find((m) => m.role === 'assistant')?.content).toContainEqual({
      type: 'thinking',
      thinking: 'Need to read the file first.',
      signature: DEFAULT_SIGNATURE,
    });
  });

  it.each([
    ['openai-compatible', 'qwen3:8b'],
    ['mistral', 'magistral-small-latest'],
  ] as const)('parses %s reasoning chunks into reasoning parts', async (kind, model) => {
    server.push(think('Check the lockfile.', 'The lockfile is stale.'));
    const { parts } = await run(kind, model);
    expect(
      ofType(parts, 'reasoning-delta')
        .map((p) => p.text)
        .join(''),
    ).toBe('Check the lockfile.');
    expect(textOf(parts)).toBe('The lockfile is stale.');
  });

  const body = () => server.requests.at(-1)!.body;

  it.each([
    ['openai-compatible', 'qwen3:8b', 'high', { reasoning_effort: 'high' }],
    ['openai-compatible', 'qwen3:8b', 'none', { reasoning_effort: 'none' }],
    ['openai-compatible', 'qwen2.5-coder:7b', 'high', { reasoning_effort: null }],
    ['openai', 'gpt-5-mini', 'low', { reasoning_effort: 'low' }],
    ['openai', 'o3', 'none', { reasoning_effort: 'low' }],
    ['openai', 'gpt-4o', 'high', { reasoning_effort: null }],
    ['anthropic', 'claude-sonnet-4-5', 'none', { thinking: { type: 'disabled' } }],
    ['anthropic', 'claude-opus-4-6', 'high', { output_config: { effort: 'high' } }],
    ['mistral', 'mistral-small-latest', 'low', { reasoning_effort: 'high' }],
    ['mistral', 'mistral-small-latest', 'none', { reasoning_effort: 'none' }],
    ['mistral', 'codestral-latest', 'high', { reasoning_effort: null }],
  ] as const)('%s %s, effort %s → %j (null: not sent)', async (kind, model, effort, expected) => {
    server.push(say('ok'));
    await run(kind, model, { effort });
    for (const [key, value] of Object.entries(expected)) {
      if (value === null) expect(body()).not.toHaveProperty(key);
      else if (typeof value === 'string') expect(body()[key]).toBe(value);
      else expect(body()[key]).toMatchObject(value);
    }
  });

  it('gives Anthropic budget thinking for medium effort on a budget model', async () => {
    server.push(say('ok'));
    await run('anthropic', 'claude-sonnet-4-5', { effort: 'medium' });
    const thinking = body().thinking as { type: string; budget_tokens: number };
    expect(thinking.type).toBe('enabled');
    expect(thinking.budget_tokens).toBeGreaterThanOrEqual(1024);
    expect(body().max_tokens).toBeGreaterThan(thinking.budget_tokens);
  });
});
