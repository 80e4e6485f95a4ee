import { z } from 'zod';

/**
 * How Berth talks to a model provider. `openai-compatible` covers the local servers (Ollama,
 * llama.cpp's llama-server, LM Studio, vLLM) and anything else that speaks chat completions.
 */
export type ProviderKind = 'openai-compatible' | 'anthropic' | 'openai' | 'mistral';

export const providerKinds = ['openai-compatible', 'anthropic', 'openai', 'mistral'] as const;

/** Reasoning effort as the user picks it; each provider maps it to its own setting. */
export type ReasoningEffort = 'none' | 'low' | 'medium' | 'high';

export const reasoningEfforts = ['none', 'low', 'medium', 'high'] as const;

export interface ModelInfo {
  /** The provider's model id, e.g. `qwen2.5-coder:7b` or `claude-sonnet-4-5`. */
  id: string;
  /** Tokens the model can take in; compaction starts near 90 % of it. Absent when unknown. */
  contextWindow?: number;
  /** Whether images can be attached to messages for this model. */
  images: boolean;
  /** Whether the model has a reasoning-effort control. */
  reasoning: boolean;
}

export interface ModelProvider {
  id: string;
  kind: ProviderKind;
  /** What the user calls it, e.g. `Ollama` or `Anthropic`. */
  name: string;
  /** e.g. `http://127.0.0.1:11434/v1`; the provider's public API for hosted kinds. */
  baseUrl: string;
  /** Write-only on the contract: the key itself stays on the host, like git host tokens. */
  hasApiKey: boolean;
  /** The models the server listed when it was last checked. */
  models: ModelInfo[];
  /** When the models were last listed, ISO time. */
  checkedAt?: string;
}

/** A local OpenAI-compatible server found answering on its usual 127.0.0.1 port. */
export interface DiscoveredServer {
  /** `Ollama`, `llama.cpp`, `LM Studio`, `vLLM`. */
  name: string;
  baseUrl: string;
  models: ModelInfo[];
}

/** A model as chosen for a session or as the default: which provider and which model. */
export interface ModelChoice {
  providerId: string;
  modelId: string;
}

export const providerIdSchema = z.string().min(1).max(64);

export const modelChoiceSchema = z
  .object({ providerId: providerIdSchema, modelId: z.string().min(1).max(200) })
  .strict();

const baseUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/i, 'URL must start with http:// or https://');

const providerFields = {
  kind: z.enum(providerKinds),
  name: z.string().trim().min(1, 'name must not be empty').max(64, 'name is too long'),
  /** Absent for hosted kinds: their public API. Required for `openai-compatible`. */
  baseUrl: baseUrlSchema.optional(),
  /** Write-only. Absent on update keeps the stored key. */
  apiKey: z.string().trim().min(1, 'API key must not be empty').max(4096).optional(),
};

export const modelsInput = {
  list: z.object({}).strict(),
  /** Looks for local servers on their usual ports (11434, 8080, 1234, 8000). */
  discover: z.object({}).strict(),
  /** Lists the models of a provider that is not saved yet, to check its URL and key. */
  check: z.object(providerFields).strict(),
  save: z.object({ id: providerIdSchema.optional(), ...providerFields }).strict(),
  refresh: z.object({ id: providerIdSchema }).strict(),
  remove: z.object({ id: providerIdSchema }).strict(),
  setDefault: z.object({ model: modelChoiceSchema }).strict(),
  getDefault: z.object({}).strict(),
};

export interface ModelsApi {
  /** The saved providers with their last listed models. API keys are never included. */
  list(input: z.infer<typeof modelsInput.list>): Promise<ModelProvider[]>;
  /** Local OpenAI-compatible servers answering on 127.0.0.1 right now. */
  discover(input: z.infer<typeof modelsInput.discover>): Promise<DiscoveredServer[]>;
  /**
   * Lists the models a provider offers with this URL and key, without saving. A wrong URL or
   * key is `unavailable` / `permission_denied` with the provider's own message and a next step.
   */
  check(input: z.infer<typeof modelsInput.check>): Promise<ModelInfo[]>;
  /** Adds or changes a provider after listing its models (the same errors as `check`). */
  save(input: z.infer<typeof modelsInput.save>): Promise<ModelProvider>;
  /** Lists the provider's models again. */
  refresh(input: z.infer<typeof modelsInput.refresh>): Promise<ModelProvider>;
  /** Forgets a provider and its key. Sessions that used it ask for another model. */
  remove(input: z.infer<typeof modelsInput.remove>): Promise<void>;
  /** The model new sessions start with. */
  setDefault(input: z.infer<typeof modelsInput.setDefault>): Promise<void>;
  getDefault(input: z.infer<typeof modelsInput.getDefault>): Promise<ModelChoice | null>;
}

export interface ModelsEvents {
  /** The saved providers changed (added, edited, removed, models listed again). */
  changed: ModelProvider[];
}
