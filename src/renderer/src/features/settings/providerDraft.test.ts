import { describe, expect, it } from 'vitest';
import type { ModelProvider } from '../../../../shared/contract/models';
import {
  defaultLocalUrl,
  draftOf,
  newDraft,
  placeProviderError,
  providerInput,
  withKind,
} from './providerDraft';

describe('provider drafts', () => {
  it('starts as a local Ollama server', () => {
    expect(newDraft()).toMatchObject({
      kind: 'openai-compatible',
      name: 'Ollama',
      baseUrl: defaultLocalUrl,
    });
  });

  it('follows the kind with the name and URL until the user changed them', () => {
    const hosted = withKind(newDraft(), 'anthropic');
    expect(hosted).toMatchObject({ name: 'Anthropic', baseUrl: '' });
    const named = withKind({ ...newDraft(), name: 'My box' }, 'mistral');
    expect(named.name).toBe('My box');
  });

  it('needs a URL for local servers and a key for hosted kinds', () => {
    expect(providerInput({ ...newDraft(), baseUrl: ' ' })).toMatchObject({
      ok: false,
      error: { field: 'baseUrl' },
    });
    expect(providerInput(newDraft('openai'))).toEqual({
      ok: false,
      error: { field: 'apiKey', message: 'OpenAI needs an API key.' },
    });
    expect(providerInput(newDraft())).toEqual({
      ok: true,
      input: { kind: 'openai-compatible', name: 'Ollama', baseUrl: defaultLocalUrl },
    });
  });

  it('sends a hosted URL only when it is a custom one, and no key to keep the stored one', () => {
    expect(providerInput({ ...newDraft('anthropic'), apiKey: ' sk-1 ' })).toEqual({
      ok: true,
      input: { kind: 'anthropic', name: 'Anthropic', apiKey: 'sk-1' },
    });
    const provider: ModelProvider = {
      id: 'p1',
      kind: 'anthropic',
      name: 'Work',
      baseUrl: 'https://api.anthropic.com/v1',
      hasApiKey: true,
      models: [],
    };
    const draft = draftOf(provider);
    expect(draft).toMatchObject({ id: 'p1', customUrl: false, apiKey: '', hasStoredKey: true });
    expect(providerInput(draft)).toEqual({ ok: true, input: { kind: 'anthropic', name: 'Work' } });
    const proxied = draftOf({ ...provider, baseUrl: 'https://proxy.example/v1' });
    expect(providerInput(proxied)).toMatchObject({
      input: { baseUrl: 'https://proxy.example/v1' },
    });
  });

  it('puts a provider refusal beside the key or the URL', () => {
    const error = { field: null, message: 'invalid x-api-key' };
    expect(placeProviderError(error, 'permission_denied', newDraft('anthropic')).field).toBe(
      'apiKey',
    );
    expect(placeProviderError(error, 'unavailable', newDraft()).field).toBe('baseUrl');
    expect(placeProviderError(error, 'internal', newDraft()).field).toBeNull();
  });
});
