import type { ClientApi } from '../../../shared/rpc/client';
import type { ScriptedModelServer } from './server';

/** Registers the scripted server as an OpenAI-compatible provider and makes its model the default. */
export async function makeDefaultModel(api: ClientApi, model: ScriptedModelServer): Promise<void> {
  const provider = await api.models.save({
    kind: 'openai-compatible',
    name: 'Scripted',
    baseUrl: model.baseUrl('openai'),
  });
  await api.models.setDefault({
    model: { providerId: provider.id, modelId: provider.models[0]!.id },
  });
}
