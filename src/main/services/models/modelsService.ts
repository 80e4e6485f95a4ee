import { randomBytes } from 'node:crypto';
import type { LanguageModel } from 'ai';
import type { z } from 'zod';
import {
  RpcError,
  type DiscoveredServer,
  type ModelChoice,
  type ModelInfo,
  type ModelProvider,
  type ModelsApi,
  type ProviderKind,
  type modelsInput,
} from '../../../shared/contract';
import type { ModelProvidersTable, StoredProvider } from '../../storage/modelProvidersTable';
import type { SettingsTable } from '../../storage/settingsTable';
import type { EventBus } from '../events';
import type { CredentialStore } from '../settings/credentialStore';
import { createLanguageModel } from './languageModel';
import { discoverLocalServers, type LocalPort } from './localDiscovery';
import { listModels, normalizeBaseUrl } from './modelListing';
import { providerKindInfo } from './providerCatalog';

type Input<M extends keyof typeof modelsInput> = z.infer<(typeof modelsInput)[M]>;

const newId = (): string => randomBytes(6).toString('hex');

const origin = (url: string): string => new URL(url).origin;

/** The credential-store key of a provider's API key. */
export const apiKeyName = (providerId: string): string => `model-provider:${providerId}`;

/** The settings key of the model new sessions start with. */
export const DEFAULT_MODEL_KEY = 'models.default';

/** What the agent needs to call a model. */
export interface ResolvedModel {
  provider: ModelProvider;
  model: LanguageModel;
  /** The model as last listed; undefined when the provider no longer lists it. */
  info: ModelInfo | undefined;
  kind: ProviderKind;
}

export interface ModelsServiceDeps {
  table: ModelProvidersTable;
  settings: SettingsTable;
  credentials: CredentialStore;
  bus: EventBus;
  /** Where `discover` looks; the usual ports of Ollama, llama.cpp, LM Studio and vLLM if absent. */
  discoveryPorts?: LocalPort[];
}

/** Model providers: saved only after their models were listed with the URL and key given. */
export class ModelsService implements ModelsApi {
  constructor(private readonly deps: ModelsServiceDeps) {}

  async list(_input: Input<'list'>): Promise<ModelProvider[]> {
    return this.providers();
  }

  discover(_input: Input<'discover'>): Promise<DiscoveredServer[]> {
    return discoverLocalServers(this.deps.discoveryPorts);
  }

  async check(input: Input<'check'>): Promise<ModelInfo[]> {
    const baseUrl = this.baseUrlFor(input.kind, input.baseUrl);
    this.requireKey(input.kind, input.apiKey);
    return listModels({ kind: input.kind, baseUrl, apiKey: input.apiKey });
  }

  async save(input: Input<'save'>): Promise<ModelProvider> {
    const current = input.id === undefined ? undefined : this.require(input.id);
    const baseUrl = this.baseUrlFor(input.kind, input.baseUrl);
    this.checkName(input.name, current?.id);
    // A saved key only goes to the host it was saved for: a changed host needs the key again.
    const savedKey = current && this.deps.credentials.get(apiKeyName(current.id));
    const sameHost = current !== undefined && origin(current.baseUrl) === origin(baseUrl);
    const apiKey = input.apiKey ?? (sameHost ? savedKey : undefined);
    if (savedKey !== undefined && !sameHost) {
      this.requireKey(
        input.kind,
        apiKey,
        'The URL now points at another host: enter the API key again.',
      );
    }
    this.requireKey(input.kind, apiKey);
    // Listed first: a wrong URL or key fails here and nothing already saved changes.
    const models = await listModels({ kind: input.kind, baseUrl, apiKey });
    // Again: another save may have taken the name while the models were being listed.
    this.checkName(input.name, current?.id);
    const stored: StoredProvider = {
      id: current?.id ?? newId(),
      kind: input.kind,
      name: input.name,
      baseUrl,
      models,
      checkedAt: new Date().toISOString(),
    };
    this.deps.table.save(stored);
    if (input.apiKey !== undefined) {
      this.deps.credentials.set(apiKeyName(stored.id), input.apiKey);
    } else if (savedKey !== undefined && !sameHost) {
      this.deps.credentials.delete(apiKeyName(stored.id));
    }
    this.changed();
    return this.withKeyFlag(stored);
  }

  async refresh({ id }: Input<'refresh'>): Promise<ModelProvider> {
    const current = this.require(id);
    const models = await listModels({
      kind: current.kind,
      baseUrl: current.baseUrl,
      apiKey: this.deps.credentials.get(apiKeyName(id)),
    });
    const stored: StoredProvider = { ...current, models, checkedAt: new Date().toISOString() };
    this.deps.table.save(stored);
    this.changed();
    return this.withKeyFlag(stored);
  }

  async remove({ id }: Input<'remove'>): Promise<void> {
    this.require(id);
    this.deps.table.delete(id);
    this.deps.credentials.delete(apiKeyName(id));
    const choice = this.deps.settings.get<ModelChoice | null>(DEFAULT_MODEL_KEY);
    if (choice?.providerId === id) this.deps.settings.set(DEFAULT_MODEL_KEY, null);
    this.changed();
  }

  async setDefault({ model }: Input<'setDefault'>): Promise<void> {
    const provider = this.require(model.providerId);
    if (!provider.models.some((m) => m.id === model.modelId)) {
      throw new RpcError(
        'invalid_input',
        `${provider.name} does not list a model "${model.modelId}". Pick one of its models, or list them again.`,
        { field: 'modelId' },
      );
    }
    this.deps.settings.set(DEFAULT_MODEL_KEY, {
      providerId: model.providerId,
      modelId: model.modelId,
    });
  }

  /** The chosen default while its provider exists, else the first model of the first provider. */
  async getDefault(_input: Input<'getDefault'>): Promise<ModelChoice | null> {
    return this.defaultChoice();
  }

  /** `getDefault`, for the agent, which needs it at once. */
  defaultChoice(): ModelChoice | null {
    const choice = this.deps.settings.get<ModelChoice | null>(DEFAULT_MODEL_KEY);
    if (choice && this.deps.table.get(choice.providerId)) return choice;
    for (const provider of this.deps.table.list()) {
      const first = provider.models[0];
      if (first) return { providerId: provider.id, modelId: first.id };
    }
    return null;
  }

  /**
   * The model the agent calls for a choice. A removed provider is `unavailable` with the next
   * step; a model the provider no longer lists is still tried (the list may be stale).
   */
  resolve(choice: ModelChoice): ResolvedModel {
    const stored = this.deps.table.get(choice.providerId);
    if (!stored) {
      throw new RpcError(
        'unavailable',
        `The model provider ${choice.providerId} was removed. Pick another model.`,
        { providerId: choice.providerId },
      );
    }
    const apiKey = this.deps.credentials.get(apiKeyName(stored.id));
    if (providerKindInfo[stored.kind].apiKeyRequired && !apiKey) {
      throw new RpcError(
        'unavailable',
        `${stored.name} has no API key. Add it in Settings → Models.`,
        { providerId: stored.id },
      );
    }
    return {
      provider: this.withKeyFlag(stored),
      model: createLanguageModel(stored, apiKey, choice.modelId),
      info: stored.models.find((m) => m.id === choice.modelId),
      kind: stored.kind,
    };
  }

  private providers(): ModelProvider[] {
    return this.deps.table.list().map((p) => this.withKeyFlag(p));
  }

  private withKeyFlag(stored: StoredProvider): ModelProvider {
    return { ...stored, hasApiKey: this.deps.credentials.get(apiKeyName(stored.id)) !== undefined };
  }

  private changed(): void {
    this.deps.bus.emit('models.changed', this.providers());
  }

  private require(id: string): StoredProvider {
    const provider = this.deps.table.get(id);
    if (!provider) throw new RpcError('not_found', `No model provider with id "${id}".`);
    return provider;
  }

  private checkName(name: string, exceptId: string | undefined): void {
    const taken = this.deps.table.findByName(name);
    if (taken && taken.id !== exceptId) {
      throw new RpcError(
        'conflict',
        `A model provider named "${taken.name}" already exists. Pick another name.`,
        { field: 'name' },
      );
    }
  }

  private baseUrlFor(kind: ProviderKind, given: string | undefined): string {
    const url = given ?? providerKindInfo[kind].defaultBaseUrl;
    if (!url) {
      throw new RpcError(
        'invalid_input',
        'baseUrl is required for an OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 for Ollama.',
        { field: 'baseUrl' },
      );
    }
    return normalizeBaseUrl(url);
  }

  private requireKey(kind: ProviderKind, apiKey: string | undefined, why?: string): void {
    if (providerKindInfo[kind].apiKeyRequired && !apiKey) {
      const label = providerKindInfo[kind].label;
      throw new RpcError(
        'invalid_input',
        why ?? `apiKey is required for ${label}: paste the key from your ${label} account.`,
        { field: 'apiKey' },
      );
    }
  }
}
