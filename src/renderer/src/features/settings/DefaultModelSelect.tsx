import { useId } from 'react';
import type { ModelChoice, ModelProvider } from '../../../../shared/contract/models';
import { ModelOptions, decodeModel, encodeModel } from '../../components/ModelOptions';

/** The model new sessions start with, from the saved providers' models. */
export function DefaultModelSelect({
  providers,
  value,
  onChange,
}: {
  providers: ModelProvider[];
  /** undefined while it loads. */
  value: ModelChoice | null | undefined;
  onChange(model: ModelChoice): void;
}) {
  const id = useId();
  const models = providers.flatMap((p) =>
    p.models.map((m) => ({ providerId: p.id, modelId: m.id })),
  );
  if (models.length === 0) return null;
  const known = value ? models.some((m) => encodeModel(m) === encodeModel(value)) : false;
  return (
    <div className="field default-model">
      <label className="field-label" htmlFor={id}>
        Default model
      </label>
      <select
        id={id}
        className="input select"
        value={value ? encodeModel(value) : ''}
        disabled={value === undefined}
        onChange={(e) => {
          const model = decodeModel(e.target.value);
          if (model) onChange(model);
        }}
      >
        {(!value || !known) && (
          <option value={value ? encodeModel(value) : ''} disabled>
            {value ? `${value.modelId} (not available)` : 'None: new sessions ask for a model'}
          </option>
        )}
        <ModelOptions providers={providers} />
      </select>
      <p className="field-note">New sessions start with it; each session can pick another.</p>
    </div>
  );
}
