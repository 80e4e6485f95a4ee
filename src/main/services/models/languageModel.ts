import { createAnthropic } from '@ai-sdk/anthropic';
import { createMistral } from '@ai-sdk/mistral';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { JSONValue, LanguageModel, LanguageModelCallOptions } from 'ai';
import type { ModelProvider, ProviderKind, ReasoningEffort } from '../../../shared/contract';
import { normalizeBaseUrl } from './modelListing';
import { describeModel } from './providerCatalog';

/**
 * The provider name given to `createOpenAICompatible`. It is also the key of its
 * `providerOptions` and of the provider metadata stored in the transcript, so it is one fixed
 * word rather than the user's name for the server (which they may rename).
 */
export const OPENAI_COMPATIBLE_NAME = 'berth';

/**
 * The AI SDK model for a saved provider. OpenAI goes through Chat Completions (`.chat`), like
 * every other kind but Anthropic, so one SSE format covers it in the scripted model server.
 * The cost: GPT-5.6+ cannot combine reasoning with function tools on Chat Completions, and the
 * package then sends `reasoning_effort: "none"` (openai-chat-language-model getArgs).
 */
export function createLanguageModel(
  provider: Pick<ModelProvider, 'kind' | 'baseUrl'>,
  apiKey: string | undefined,
  modelId: string,
): LanguageModel {
  const baseURL = normalizeBaseUrl(provider.baseUrl);
  switch (provider.kind) {
    case 'openai-compatible':
      return createOpenAICompatible({
        name: OPENAI_COMPATIBLE_NAME,
        baseURL,
        ...(apiKey ? { apiKey } : {}),
        includeUsage: true,
      })(modelId);
    case 'anthropic':
      return createAnthropic({ baseURL, apiKey: apiKey ?? '' })(modelId);
    case 'openai':
      return createOpenAI({ baseURL, apiKey: apiKey ?? '' }).chat(modelId);
    case 'mistral':
      return createMistral({ baseURL, apiKey: apiKey ?? '' })(modelId);
  }
}

export interface ModelCallOptions {
  reasoning?: LanguageModelCallOptions['reasoning'];
  providerOptions?: Record<string, Record<string, JSONValue>>;
}

const isOSeries = (id: string) => /^o\d/.test(id.replace(/^.*\//, ''));

/**
 * The user's reasoning effort in each provider's own terms, for `streamText`. Models without a
 * reasoning control get nothing: OpenAI and some local servers answer 400 to a
 * `reasoning_effort` on a model that does not reason.
 */
export function callOptionsFor(
  kind: ProviderKind,
  modelId: string,
  effort: ReasoningEffort,
): ModelCallOptions {
  if (!describeModel(kind, modelId).reasoning) return {};
  switch (kind) {
    case 'openai-compatible':
      // The top-level `reasoning: 'none'` is never sent by this package; the provider option
      // is sent as is, and Ollama turns `reasoning_effort: "none"` into think=false.
      return { providerOptions: { [OPENAI_COMPATIBLE_NAME]: { reasoningEffort: effort } } };
    case 'anthropic':
      // The package maps it per model: 'none' → thinking disabled, adaptive models → effort,
      // older ones → a budget scaled from the model's max output tokens (anthropic-language-model).
      return { reasoning: effort };
    case 'openai':
      // o1/o3/o4 take low|medium|high only; the package would pass 'none' through to them.
      return { reasoning: effort === 'none' && isOSeries(modelId) ? 'low' : effort };
    case 'mistral':
      // Only the ids the package knows take it: any level → 'high', 'none' → 'none'.
      return { reasoning: effort };
  }
}
