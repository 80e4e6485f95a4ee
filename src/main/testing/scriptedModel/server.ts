import { once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderKind } from '../../../shared/contract';
import { anthropicWire } from './anthropicWire';
import { argumentsOf, estimateTokens } from './chunking';
import { mistralWire } from './mistralWire';
import { openaiWire } from './openaiWire';
import { describeRequest } from './requestView';
import type {
  ListingRequest,
  ScriptedAnswer,
  ScriptedHttpFailure,
  ScriptedModelEntry,
  ScriptedProvider,
  ScriptedReply,
  ScriptedRequest,
  ScriptStep,
  Wire,
  WireContext,
} from './types';

/**
 * The scripted model server: the one fake in Berth's tests. It speaks each provider's real
 * streaming protocol over real HTTP on 127.0.0.1, so the AI SDK provider packages parse it as
 * they parse the real thing. Each model call takes the next step of one shared queue.
 */
export interface ScriptedModelServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The base URL to give the provider: `{url}/openai/v1`, `{url}/anthropic/v1`, `{url}/mistral/v1`. */
  baseUrl(provider: ScriptedProvider | ProviderKind): string;
  /** Queues what the model answers to the next requests, in order. */
  push(...steps: ScriptStep[]): void;
  /** Every model call received, in order. */
  readonly requests: ScriptedRequest[];
  /** Every `GET …/models` received. */
  readonly listings: ListingRequest[];
  /** Steps not used yet. */
  pending(): number;
  /** Throws when steps are left, a request found none, or a step function threw. */
  expectDone(): void;
  /** Replaces what `GET …/models` lists for a provider. */
  setModels(provider: ScriptedProvider, models: ScriptedModelEntry[]): void;
  close(): Promise<void>;
}

export interface ScriptedModelOptions {
  /** When set, every request must carry this key (Bearer, or x-api-key for Anthropic). */
  apiKey?: string;
  /** What `GET …/models` lists, per provider. */
  models?: Partial<Record<ScriptedProvider, ScriptedModelEntry[]>>;
}

export const NO_STEP_LEFT = 'scripted model: no step left for this request';

const wires: Record<ScriptedProvider, Wire> = {
  openai: openaiWire,
  anthropic: anthropicWire,
  mistral: mistralWire,
};

const defaultModels: Record<ScriptedProvider, ScriptedModelEntry[]> = {
  openai: ['qwen2.5-coder:7b', 'qwen3:8b'],
  anthropic: ['claude-sonnet-4-5', 'claude-haiku-4-5'],
  mistral: ['mistral-small-latest', 'codestral-latest'],
};

/** The model-call path of each provider, after its `/v1`. */
const callPath: Record<ScriptedProvider, string> = {
  openai: '/chat/completions',
  anthropic: '/messages',
  mistral: '/chat/completions',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isFailure = (answer: ScriptedAnswer): answer is ScriptedHttpFailure =>
  'httpStatus' in answer && typeof answer.httpStatus === 'number';

/** `/openai/v1/...`, `/anthropic/v1/...`, `/mistral/v1/...`; a bare `/v1/...` is OpenAI-compatible (as Ollama serves it). */
function route(pathname: string): { provider: ScriptedProvider; rest: string } | undefined {
  const prefixed = /^\/(openai|anthropic|mistral)\/v1(\/.*)?$/.exec(pathname);
  if (prefixed) return { provider: prefixed[1] as ScriptedProvider, rest: prefixed[2] ?? '' };
  const bare = /^\/v1(\/.*)?$/.exec(pathname);
  return bare ? { provider: 'openai', rest: bare[1] ?? '' } : undefined;
}

const withoutAuth = (headers: IncomingHttpHeaders): IncomingHttpHeaders => {
  const { authorization: _a, 'x-api-key': _k, ...rest } = headers;
  return rest;
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    ...headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startScriptedModel(
  options: ScriptedModelOptions = {},
): Promise<ScriptedModelServer> {
  const queue: ScriptStep[] = [];
  const requests: ScriptedRequest[] = [];
  const listings: ListingRequest[] = [];
  const models = { ...defaultModels, ...options.models };
  const problems: Error[] = [];
  let toolCallCount = 0;
  let responseCount = 0;

  const context = (wire: Wire, request: ScriptedRequest, reply: ScriptedReply): WireContext => {
    const produced =
      (reply.reasoning ?? '') +
      (reply.text ?? '') +
      (reply.toolCalls ?? []).map((c) => c.name + argumentsOf(c)).join('');
    const streamOptions = request.body.stream_options as { include_usage?: unknown } | undefined;
    return {
      model: request.model,
      includeUsage: streamOptions?.include_usage === true,
      usage: reply.usage ?? {
        input: estimateTokens(request.instructions + JSON.stringify(request.messages)),
        output: estimateTokens(produced),
      },
      finishReason:
        reply.finishReason ?? ((reply.toolCalls?.length ?? 0) > 0 ? 'tool_calls' : 'stop'),
      nextToolCallId: () => wire.toolCallId(++toolCallCount),
      responseId: `${wire.idPrefix}scripted${++responseCount}`,
    };
  };

  const answerCall = async (
    provider: ScriptedProvider,
    path: string,
    req: IncomingMessage,
    res: ServerResponse,
  ) => {
    const wire = wires[provider];
    const text = await readBody(req);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, wire.errorBody(400, 'scripted model: the body is not JSON'));
    }
    const request = describeRequest(
      requests.length,
      provider,
      path,
      withoutAuth(req.headers),
      body,
    );
    requests.push(request);
    const step = queue.shift();
    if (step === undefined) {
      problems.push(new Error(`${NO_STEP_LEFT} (request ${request.index}, ${provider} ${path})`));
      return sendJson(res, 500, wire.errorBody(500, NO_STEP_LEFT));
    }
    let answer: ScriptedAnswer;
    try {
      answer = typeof step === 'function' ? await step(request) : step;
    } catch (error) {
      problems.push(error instanceof Error ? error : new Error(String(error)));
      // 400, not 500: the SDK would retry a 5xx and the failure would show up three times.
      const message = `scripted model: the step function threw: ${String(error)}`;
      return sendJson(res, 400, wire.errorBody(400, message));
    }
    if (isFailure(answer)) {
      if (answer.delayMs) await sleep(answer.delayMs);
      const failureBody =
        answer.body ?? wire.errorBody(answer.httpStatus, answer.message ?? 'scripted failure');
      return sendJson(res, answer.httpStatus, failureBody, answer.headers);
    }
    const ctx = context(wire, request, answer);
    if (!request.stream) {
      if (answer.delayMs) await sleep(answer.delayMs);
      if (answer.dropConnection) return void req.socket.destroy();
      if (answer.errorMidStream) {
        return sendJson(res, 500, wire.errorBody(500, answer.errorMidStream));
      }
      return sendJson(res, 200, wire.json(answer, ctx));
    }
    await streamReply(res, wire, answer, ctx);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const target = route(url.pathname);
    if (!target) return sendJson(res, 404, '404 page not found');
    const wire = wires[target.provider];
    if (options.apiKey !== undefined && wire.apiKeyOf(req.headers) !== options.apiKey) {
      return sendJson(res, 401, wire.authError());
    }
    if (target.provider === 'anthropic' && !req.headers['anthropic-version']) {
      return sendJson(res, 400, wire.errorBody(400, 'anthropic-version: header is required'));
    }
    if (req.method === 'GET' && target.rest === '/models') {
      listings.push({
        provider: target.provider,
        path: url.pathname,
        headers: withoutAuth(req.headers),
      });
      const data = models[target.provider].map((m) => wire.modelEntry(m));
      return sendJson(res, 200, wire.modelList(data));
    }
    if (req.method === 'POST' && target.rest === callPath[target.provider]) {
      answerCall(target.provider, url.pathname, req, res).catch((error: unknown) => {
        problems.push(error instanceof Error ? error : new Error(String(error)));
        if (!res.headersSent) sendJson(res, 500, wire.errorBody(500, String(error)));
        else res.destroy();
      });
      return;
    }
    sendJson(res, 404, wire.errorBody(404, `Unknown request URL: ${req.method} ${url.pathname}`));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseUrl: (provider) => {
      const prefix = provider === 'openai-compatible' ? 'openai' : provider;
      return `${url}/${prefix}/v1`;
    },
    push: (...steps) => void queue.push(...steps),
    requests,
    listings,
    pending: () => queue.length,
    expectDone() {
      const [problem] = problems;
      if (problem) throw problem;
      if (queue.length > 0) {
        throw new Error(
          `scripted model: ${queue.length} step(s) left unused after ${requests.length} request(s)`,
        );
      }
    },
    setModels: (provider, entries) => void (models[provider] = entries),
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Writes a reply as SSE, stopping early for a mid-stream error or a dropped connection. */
async function streamReply(
  res: ServerResponse,
  wire: Wire,
  reply: ScriptedReply,
  ctx: WireContext,
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  if (reply.delayMs) await sleep(reply.delayMs);
  const { head, tail } = wire.stream(reply, ctx);
  const write = async (frames: string[]) => {
    for (const frame of frames) {
      if (res.destroyed) return;
      res.write(frame);
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
    }
  };
  await write(head);
  if (reply.dropConnection) {
    // Let the frames written so far reach the client, then cut the connection mid-body.
    await new Promise<void>((resolve) => res.write('', () => resolve()));
    res.socket?.destroy();
    return;
  }
  if (reply.errorMidStream) {
    await write(wire.streamError(reply.errorMidStream));
    res.end();
    return;
  }
  await write(tail);
  res.end();
}
