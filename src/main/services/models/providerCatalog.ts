import type { ModelInfo, ProviderKind } from '../../../shared/contract';

/** What Berth knows about each kind of provider before asking it anything. */
export interface ProviderKindInfo {
  /** What the UI calls the kind. */
  label: string;
  /** The public API for hosted kinds; local servers have none. */
  defaultBaseUrl: string | undefined;
  apiKeyRequired: boolean;
}

export const providerKindInfo: Record<ProviderKind, ProviderKindInfo> = {
  'openai-compatible': {
    label: 'OpenAI-compatible',
    defaultBaseUrl: undefined,
    apiKeyRequired: false,
  },
  anthropic: {
    label: 'Anthropic',
    defaultBaseUrl: 'https://api.anthropic.com/v1',
    apiKeyRequired: true,
  },
  openai: { label: 'OpenAI', defaultBaseUrl: 'https://api.openai.com/v1', apiKeyRequired: true },
  mistral: { label: 'Mistral', defaultBaseUrl: 'https://api.mistral.ai/v1', apiKeyRequired: true },
};

interface Rule {
  match: RegExp;
  contextWindow?: number;
  images?: boolean;
  reasoning?: boolean;
}

/**
 * Hosted model families, first match wins. Windows are the providers' published input limits
 * (Anthropic's 1M-token windows need a beta header Berth does not send, so 200k). Open-weight
 * families served locally get no window here on purpose: the window is whatever the server was
 * started with (Ollama defaults to 4096 tokens whatever the model could take), so a catalog
 * number would make compaction start far too late.
 */
const hostedRules: Rule[] = [
  // Claude 3.x before 3.7 has no extended thinking; the API refuses a `thinking` field.
  { match: /^claude-3-(?!7)/, contextWindow: 200_000, images: true, reasoning: false },
  { match: /^claude-/, contextWindow: 200_000, images: true, reasoning: true },
  { match: /^gpt-5(\.\d+)?-chat/, contextWindow: 128_000, images: true, reasoning: false },
  { match: /^gpt-5/, contextWindow: 400_000, images: true, reasoning: true },
  { match: /^gpt-4\.1/, contextWindow: 1_047_576, images: true, reasoning: false },
  { match: /^(gpt-4o|chatgpt-4o)/, contextWindow: 128_000, images: true, reasoning: false },
  { match: /^gpt-4-turbo/, contextWindow: 128_000, images: true, reasoning: false },
  { match: /^gpt-3\.5-turbo/, contextWindow: 16_385, images: false, reasoning: false },
  { match: /^o1-mini/, contextWindow: 128_000, images: false, reasoning: true },
  { match: /^o3-mini/, contextWindow: 200_000, images: false, reasoning: true },
  { match: /^o\d/, contextWindow: 200_000, images: true, reasoning: true },
  { match: /^gpt-oss/, contextWindow: 131_072, images: false, reasoning: true },
  { match: /^magistral/, contextWindow: 128_000, images: false, reasoning: true },
  // The Mistral ids whose `reasoning_effort` the provider package sends (mistral-chat-language-model).
  {
    match:
      /^mistral-(small-latest|small-2603|medium-latest|medium-3|medium-3[.-]5|medium-2604|large-4)/,
    contextWindow: 128_000,
    images: true,
    reasoning: true,
  },
  { match: /^(mistral-large|mistral-medium|mistral-small)/, contextWindow: 128_000 },
  { match: /^pixtral/, contextWindow: 128_000, images: true, reasoning: false },
  { match: /^codestral/, contextWindow: 256_000, images: false, reasoning: false },
  { match: /^(devstral|ministral|open-mistral-nemo)/, contextWindow: 128_000, reasoning: false },
];

/** Ids of locally served models that take images: llava, qwen2.5vl, gemma3, llama3.2-vision… */
const visionPattern =
  /llava|bakllava|vision|[-_]vl\b|[-_]vl[-_:]|\dvl\b|\dvl[-_:]|gemma-?3|pixtral|minicpm-v|moondream|llama-?4|mistral-small-?3\.[12]/i;

/** Ids of locally served models that think before answering and accept a reasoning effort. */
const reasoningPattern =
  /qwq|deepseek-r1|[-_]r1\b|[-_]r1[-_:]|qwen3(?!-coder|-vl-.*instruct|.*-instruct)|gpt-oss|magistral|phi-?4-(mini-)?reasoning|exaone-deep|cogito|thinking|reasoner|glm-4\.[5-9]|glm-z1/i;

/**
 * What Berth knows about a model from its id alone. A listing that states more (Mistral's
 * capabilities, vLLM's max_model_len) overrides this in modelListing.
 */
export function describeModel(kind: ProviderKind, id: string): ModelInfo {
  // Local servers often prefix ids with a namespace (`library/`, `mistralai/`): match the name.
  const name = id.toLowerCase().replace(/^.*\//, '');
  const rule = hostedRules.find((r) => r.match.test(name));
  const localImages = visionPattern.test(name);
  const localReasoning = reasoningPattern.test(name);
  const info: ModelInfo = {
    id,
    images: rule?.images ?? (kind === 'anthropic' ? true : localImages),
    reasoning: rule?.reasoning ?? (kind === 'anthropic' ? true : localReasoning),
  };
  const window = rule?.contextWindow ?? (kind === 'anthropic' ? 200_000 : undefined);
  if (window !== undefined) info.contextWindow = window;
  return info;
}
