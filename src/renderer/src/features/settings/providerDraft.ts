import type { ModelProvider, ProviderKind } from '../../../../shared/contract/models';
import type { FieldError } from '../../lib/fieldError';

/** What the provider form holds; the API key is write-only and never filled in from a provider. */
export interface ProviderDraft {
  /** Set when editing a saved provider. */
  id?: string;
  kind: ProviderKind;
  name: string;
  baseUrl: string;
  /** Hosted kinds only: use another URL than the provider's public API. */
  customUrl: boolean;
  apiKey: string;
  /** Editing a provider whose key is stored: an empty key field keeps it. */
  hasStoredKey: boolean;
}

export const kindLabels: Record<ProviderKind, string> = {
  'openai-compatible': 'OpenAI-compatible (Ollama, llama.cpp, LM Studio, vLLM)',
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  mistral: 'Mistral',
};

/** Short kind names for the list of saved providers. */
export const kindNames: Record<ProviderKind, string> = {
  'openai-compatible': 'OpenAI-compatible',
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  mistral: 'Mistral',
};

const defaultNames: Record<ProviderKind, string> = {
  'openai-compatible': 'Ollama',
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  mistral: 'Mistral',
};

/** Ollama's OpenAI-compatible endpoint: the local server people have most often. */
export const defaultLocalUrl = 'http://127.0.0.1:11434/v1';

export function isHosted(kind: ProviderKind): boolean {
  return kind !== 'openai-compatible';
}

export function newDraft(kind: ProviderKind = 'openai-compatible'): ProviderDraft {
  return {
    kind,
    name: defaultNames[kind],
    baseUrl: isHosted(kind) ? '' : defaultLocalUrl,
    customUrl: false,
    apiKey: '',
    hasStoredKey: false,
  };
}

export function draftOf(provider: ModelProvider): ProviderDraft {
  return {
    id: provider.id,
    kind: provider.kind,
    name: provider.name,
    baseUrl: provider.baseUrl,
    // A hosted provider shows its URL field only when it was given another one.
    customUrl: isHosted(provider.kind) && provider.baseUrl !== '' && !isPublicUrl(provider),
    apiKey: '',
    hasStoredKey: provider.hasApiKey,
  };
}

const publicHosts: Record<Exclude<ProviderKind, 'openai-compatible'>, string> = {
  anthropic: 'api.anthropic.com',
  openai: 'api.openai.com',
  mistral: 'api.mistral.ai',
};

function isPublicUrl(provider: ModelProvider): boolean {
  if (provider.kind === 'openai-compatible') return false;
  return provider.baseUrl.includes(publicHosts[provider.kind]);
}

/**
 * Another kind: the name and URL follow it while they are still the previous kind's defaults,
 * so nothing the user typed is replaced.
 */
export function withKind(draft: ProviderDraft, kind: ProviderKind): ProviderDraft {
  const before = newDraft(draft.kind);
  const after = newDraft(kind);
  return {
    ...draft,
    kind,
    name: draft.name === before.name || draft.name.trim() === '' ? after.name : draft.name,
    baseUrl: draft.baseUrl === before.baseUrl ? after.baseUrl : draft.baseUrl,
    customUrl: isHosted(kind) ? draft.customUrl : false,
  };
}

/** The fields `models.check` and `models.save` take, or the first field that is missing. */
export function providerInput(
  draft: ProviderDraft,
):
  | { ok: true; input: { kind: ProviderKind; name: string; baseUrl?: string; apiKey?: string } }
  | { ok: false; error: FieldError } {
  const name = draft.name.trim();
  const baseUrl = draft.baseUrl.trim();
  const apiKey = draft.apiKey.trim();
  const urlUsed = !isHosted(draft.kind) || draft.customUrl;
  if (name === '')
    return { ok: false, error: { field: 'name', message: 'Name must not be empty.' } };
  if (urlUsed && baseUrl === '') {
    return {
      ok: false,
      error: { field: 'baseUrl', message: 'Base URL is needed, e.g. http://127.0.0.1:11434/v1.' },
    };
  }
  if (isHosted(draft.kind) && apiKey === '' && !draft.hasStoredKey) {
    return {
      ok: false,
      error: { field: 'apiKey', message: `${kindNames[draft.kind]} needs an API key.` },
    };
  }
  return {
    ok: true,
    input: {
      kind: draft.kind,
      name,
      ...(urlUsed ? { baseUrl } : {}),
      ...(apiKey !== '' ? { apiKey } : {}),
    },
  };
}

/**
 * Which field a provider's refusal belongs beside when the host names none: a refused key by
 * the key, an unreachable server by its URL.
 */
export function placeProviderError(
  error: FieldError,
  code: string | undefined,
  draft: ProviderDraft,
): FieldError {
  if (error.field !== null) return error;
  if (code === 'permission_denied') return { ...error, field: 'apiKey' };
  if (code === 'unavailable') {
    if (!isHosted(draft.kind) || draft.customUrl) return { ...error, field: 'baseUrl' };
    return { ...error, field: 'apiKey' };
  }
  return error;
}
