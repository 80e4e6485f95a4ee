import { RpcError, type ModelInfo, type ProviderKind } from '../../../shared/contract';
import { describeModel, providerKindInfo } from './providerCatalog';

/** A provider as far as listing needs it: where it is and how to sign in. */
export interface ListingTarget {
  kind: ProviderKind;
  baseUrl: string;
  apiKey?: string | undefined;
}

/** 5 s: a local server answers /models in milliseconds, a hosted API in well under a second. */
export const LISTING_TIMEOUT_MS = 5_000;

export const ANTHROPIC_VERSION = '2023-06-01';

/** The base URL as the provider packages want it: no trailing slash. */
export const normalizeBaseUrl = (url: string): string => url.trim().replace(/\/+$/, '');

/**
 * Lists the models a provider offers with one real `GET {baseUrl}/models`. Every failure is an
 * RpcError carrying the provider's own message and the next step, with `data.field` naming the
 * form field to fix (`baseUrl` or `apiKey`). The key never appears in a message.
 */
export async function listModels(
  target: ListingTarget,
  timeoutMs = LISTING_TIMEOUT_MS,
): Promise<ModelInfo[]> {
  const baseUrl = normalizeBaseUrl(target.baseUrl);
  const url = `${baseUrl}/models${target.kind === 'anthropic' ? '?limit=1000' : ''}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: requestHeaders(target),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw connectionError(target, baseUrl, error, timeoutMs);
  }
  const text = await response.text().catch(() => '');
  const redact = (message: string) => redactKey(message, target.apiKey);
  if (!response.ok)
    throw httpError(target, baseUrl, response.status, redact(providerMessage(text)));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new RpcError(
      'unavailable',
      `${baseUrl}/models answered with something that is not JSON (${type}): this does not look like an OpenAI-compatible API. The URL usually ends with /v1.`,
      { field: 'baseUrl' },
    );
  }
  return parseModels(target.kind, body, baseUrl);
}

function requestHeaders(target: ListingTarget): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (target.kind === 'anthropic') {
    headers['anthropic-version'] = ANTHROPIC_VERSION;
    if (target.apiKey) headers['x-api-key'] = target.apiKey;
  } else if (target.apiKey) {
    headers.authorization = `Bearer ${target.apiKey}`;
  }
  return headers;
}

const causeCode = (error: unknown): string | undefined => {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
};

function connectionError(
  target: ListingTarget,
  baseUrl: string,
  error: unknown,
  timeoutMs: number,
): RpcError {
  const field = { field: 'baseUrl' };
  const local = target.kind === 'openai-compatible';
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new RpcError(
      'unavailable',
      `${baseUrl} did not answer within ${timeoutMs / 1000} s. ${local ? 'Is the server still loading or busy? ' : ''}Check the URL and try again.`,
      field,
    );
  }
  const code = causeCode(error);
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') {
    return new RpcError(
      'unavailable',
      local
        ? `Nothing answers at ${baseUrl}. Is Ollama / llama-server running? Start it, or check the port.`
        : `Nothing answers at ${baseUrl}. Check the URL and your network.`,
      field,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new RpcError(
      'unavailable',
      `The host in ${baseUrl} cannot be found (${code}). Check the URL and your network.`,
      field,
    );
  }
  const detail = redactKey(
    (error as { cause?: { message?: string } }).cause?.message ?? String(error),
    target.apiKey,
  );
  return new RpcError(
    'unavailable',
    `Could not reach ${baseUrl}: ${detail}. Check the URL.`,
    field,
  );
}

function httpError(
  target: ListingTarget,
  baseUrl: string,
  status: number,
  message: string,
): RpcError {
  const said = message ? `${stripPeriod(message)}.` : `${baseUrl} answered ${status}.`;
  if (status === 401 || status === 403) {
    const next = target.apiKey
      ? 'Check the API key in Settings → Models.'
      : 'This server needs an API key: add it in Settings → Models.';
    return new RpcError('permission_denied', `${said} ${next}`, { field: 'apiKey', status });
  }
  if (status === 404) {
    return new RpcError(
      'unavailable',
      `There is no models list at ${baseUrl}/models (404): check that the URL ends with /v1.`,
      { field: 'baseUrl', status },
    );
  }
  return new RpcError(
    'unavailable',
    `${providerKindInfo[target.kind].label} at ${baseUrl} answered ${status}: ${said} Try again later.`,
    { field: 'baseUrl', status },
  );
}

const stripPeriod = (s: string) => s.replace(/[.\s]+$/, '');

/** The provider's own words from an error body: `{error:{message}}`, `{error:"…"}`, `{message}`. */
export function providerMessage(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Plain-text bodies (Ollama's "404 page not found") are short; HTML pages are not useful.
    const plain = text.trim();
    return plain.startsWith('<') ? '' : plain.slice(0, 300);
  }
  const record = (v: unknown): Record<string, unknown> | undefined =>
    v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  const top = record(body);
  const error = top?.error;
  const candidates = [record(error)?.message, error, top?.message, top?.detail];
  const found = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
  return (found ?? '').trim().slice(0, 300);
}

/** Providers echo part of a wrong key in their message; never repeat the key itself. */
export function redactKey(message: string, apiKey: string | undefined): string {
  return apiKey && apiKey.length >= 4 ? message.split(apiKey).join('***') : message;
}

interface ListedModel {
  id?: unknown;
  // Mistral
  capabilities?: { completion_chat?: unknown; vision?: unknown };
  max_context_length?: unknown;
  // vLLM
  max_model_len?: unknown;
  // Anthropic (newer API versions)
  max_input_tokens?: unknown;
}

/** OpenAI lists every model it has: keep the ones that chat. */
const openaiChat = (id: string) =>
  /^(gpt-|o\d|chatgpt-)/.test(id) &&
  !/(audio|realtime|transcribe|tts|image|search|embedding|instruct|moderation)/.test(id);

function parseModels(kind: ProviderKind, body: unknown, baseUrl: string): ModelInfo[] {
  const data = (body as { data?: unknown } | null)?.data;
  const list = Array.isArray(body) ? body : data;
  if (!Array.isArray(list)) {
    throw new RpcError(
      'unavailable',
      `${baseUrl}/models answered JSON without a models list ("data"): this does not look like an OpenAI-compatible API. The URL usually ends with /v1.`,
      { field: 'baseUrl' },
    );
  }
  const seen = new Set<string>();
  const models: ModelInfo[] = [];
  for (const raw of list as ListedModel[]) {
    if (typeof raw?.id !== 'string' || raw.id === '' || seen.has(raw.id)) continue;
    if (kind === 'openai' && !openaiChat(raw.id)) continue;
    if (kind === 'mistral' && raw.capabilities?.completion_chat === false) continue;
    seen.add(raw.id);
    const info = describeModel(kind, raw.id);
    const window = [raw.max_context_length, raw.max_model_len, raw.max_input_tokens].find(
      (n): n is number => typeof n === 'number' && n > 0,
    );
    if (window !== undefined) info.contextWindow = window;
    if (typeof raw.capabilities?.vision === 'boolean') info.images = raw.capabilities.vision;
    models.push(info);
  }
  return models;
}
