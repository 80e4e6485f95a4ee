import { useId } from 'react';
import type { ModelChoice, ModelProvider } from '../../../../shared/contract/models';

const encode = (c: ModelChoice): string => JSON.stringify([c.providerId, c.modelId]);

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
  const known = value ? models.some((m) => encode(m) === encode(value)) : false;
  return (
    <div className="field default-model">
      <label className="field-label" htmlFor={id}>
        Default model
      </label>
      <select
        id={id}
        className="input select"
        value={value ? encode(value) : ''}
        disabled={value === undefined}
        onChange={(e) => {
          const [providerId, modelId] = JSON.parse(e.target.value) as [string, string];
          onChange({ providerId, modelId });
        }}
      >
        {(!value || !known) && (
          <option value={value ? encode(value) : ''} disabled>
            {value ? `${value.modelId} (not available)` : 'None: new sessions ask for a model'}
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
      <p className="field-note">New sessions start with it; each session can pick another.</p>
    </div>
  );
}
