import {
  reasoningEfforts,
  type ModelChoice,
  type ReasoningEffort,
} from '../../../../shared/contract/models';
import type { AgentState } from '../../../../shared/contract/agent';
import { useStore } from '../../store';
import { findModel } from '../../store/modelsSlice';

const encode = (choice: ModelChoice): string => JSON.stringify([choice.providerId, choice.modelId]);

function decode(value: string): ModelChoice | null {
  const parsed: unknown = JSON.parse(value);
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
    return null;
  }
  return { providerId: parsed[0], modelId: parsed[1] };
}

const effortLabels: Record<ReasoningEffort, string> = {
  none: 'No reasoning',
  low: 'Low effort',
  medium: 'Medium effort',
  high: 'High effort',
};

interface ModelPickerProps {
  state: AgentState;
  disabled: boolean;
  onConfigure(change: { model: ModelChoice } | { reasoning: ReasoningEffort }): void;
}

/**
 * The session's model, grouped by provider, and its reasoning effort when the model has one.
 * A model whose provider was removed still shows, marked, until another is picked.
 */
export function ModelPicker({ state, disabled, onConfigure }: ModelPickerProps) {
  const providers = useStore((s) => s.providers);
  const loaded = useStore((s) => s.providersLoaded);
  const chosen = findModel(providers, state.model);
  return (
    <>
      <select
        className="input select small model-select"
        aria-label="Model"
        value={state.model ? encode(state.model) : ''}
        disabled={disabled}
        onChange={(e) => {
          const model = decode(e.target.value);
          if (model) onConfigure({ model });
        }}
      >
        {state.model === null && (
          <option value="" disabled>
            Choose a model
          </option>
        )}
        {state.model && !chosen && (
          <option value={encode(state.model)}>
            {loaded ? `${state.model.modelId} (not available)` : state.model.modelId}
          </option>
        )}
        {providers.map((provider) => (
          <optgroup key={provider.id} label={provider.name}>
            {provider.models.map((model) => (
              <option key={model.id} value={encode({ providerId: provider.id, modelId: model.id })}>
                {model.id}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {chosen?.model.reasoning && (
        <select
          className="input select small"
          aria-label="Reasoning effort"
          value={state.reasoning}
          disabled={disabled}
          onChange={(e) => onConfigure({ reasoning: e.target.value as ReasoningEffort })}
        >
          {reasoningEfforts.map((effort) => (
            <option key={effort} value={effort}>
              {effortLabels[effort]}
            </option>
          ))}
        </select>
      )}
    </>
  );
}
