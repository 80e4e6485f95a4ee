import type { EngineStatus } from '../../../../shared/contract/engines';
import { Field } from '../../components/Field';
import { isUsable } from '../engine/engineHealth';
import { engineOptionText } from './engineChoice';

/**
 * Which engine a new session runs on. Engines that are not connected are listed with what is
 * wrong, and cannot be picked until they connect.
 */
export function EngineSelect({
  engines,
  value,
  error,
  onChange,
}: {
  engines: EngineStatus[];
  value: string;
  error: string | null;
  onChange(engineId: string): void;
}) {
  return (
    <Field label="Engine" error={error}>
      {(control) => (
        <select
          {...control}
          className="input select"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        >
          {engines.map((engine) => (
            <option key={engine.id} value={engine.id} disabled={!isUsable(engine)}>
              {engineOptionText(engine)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
