import {
  reasoningEfforts,
  type ModelChoice,
  type ReasoningEffort,
} from '../../../../shared/contract/models';
import type { AgentState } from '../../../../shared/contract/agent';
import { ModelOptions, decodeModel, encodeModel } from '../../components/ModelOptions';
import { useStore } from '../../store';
import { findModel } from '../../store/modelsSlice';

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
        value={state.model ? encodeModel(state.model) : ''}
        disabled={disabled}
        onChange={(e) => {
          const model = decodeModel(e.target.value);
          if (model) onConfigure({ model });
        }}
      >
        {state.model === null && (
          <option value="" disabled>
            Choose a model
          </option>
        )}
        {state.model && !chosen && (
          <option value={encodeModel(state.model)}>
            {loaded ? `${state.model.modelId} (not available)` : state.model.modelId}
          </option>
        )}
        <ModelOptions providers={providers} />
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
