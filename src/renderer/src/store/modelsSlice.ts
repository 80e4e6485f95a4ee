import type { StateCreator } from 'zustand';
import type { ModelInfo, ModelProvider } from '../../../shared/contract/models';
import type { Store } from './index';

export interface ModelsSlice {
  /** The saved model providers and their models, kept in step by `models.changed`. */
  providers: ModelProvider[];
  providersLoaded: boolean;
  setProviders(providers: ModelProvider[]): void;
}

export const createModelsSlice: StateCreator<Store, [], [], ModelsSlice> = (set) => ({
  providers: [],
  providersLoaded: false,
  setProviders: (providers) => set({ providers, providersLoaded: true }),
});

/** A model of a saved provider, or undefined when the provider or the model is gone. */
export function findModel(
  providers: readonly ModelProvider[],
  choice: { providerId: string; modelId: string } | null | undefined,
): { provider: ModelProvider; model: ModelInfo } | undefined {
  if (!choice) return undefined;
  const provider = providers.find((p) => p.id === choice.providerId);
  const model = provider?.models.find((m) => m.id === choice.modelId);
  return provider && model ? { provider, model } : undefined;
}
