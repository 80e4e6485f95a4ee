import type { ModelChoice, ModelProvider } from '../../../shared/contract/models';

/** A model choice as a `<select>` value (provider and model ids may hold any character). */
export const encodeModel = (choice: ModelChoice): string =>
  JSON.stringify([choice.providerId, choice.modelId]);

/** The model choice of a `<select>` value made by `encodeModel`, or null for anything else. */
export function decodeModel(value: string): ModelChoice | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
    return null;
  }
  return { providerId: parsed[0], modelId: parsed[1] };
}

/** Every saved provider's models as `<option>`s, grouped by provider. */
export function ModelOptions({ providers }: { providers: ModelProvider[] }) {
  return providers.map((provider) => (
    <optgroup key={provider.id} label={provider.name}>
      {provider.models.map((model) => (
        <option key={model.id} value={encodeModel({ providerId: provider.id, modelId: model.id })}>
          {model.id}
        </option>
      ))}
    </optgroup>
  ));
}
