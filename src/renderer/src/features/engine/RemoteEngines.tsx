import { useState } from 'react';
import { StatusDot } from '../../components/StatusDot';
import { useStore } from '../../store';
import { SettingsDialog } from '../settings/SettingsDialog';
import { engineHealth, engineHealthShort, engineTones } from './engineHealth';

/**
 * One compact line per remote engine under the local engine's status; each opens Settings at
 * Engines, where a host key is checked or a problem explained.
 */
export function RemoteEngines() {
  const engines = useStore((s) => s.engines);
  const [open, setOpen] = useState(false);
  const remote = engines.filter((e) => e.kind !== 'local');
  if (remote.length === 0) return null;
  return (
    <>
      <ul className="remote-engines" aria-label="Remote engines">
        {remote.map((engine) => (
          <li key={engine.id} data-state={engine.state}>
            <button
              type="button"
              className="remote-engine"
              title={[engine.endpoint, engineHealth(engine), engine.message, engine.hint]
                .filter(Boolean)
                .join('\n')}
              onClick={() => setOpen(true)}
            >
              <StatusDot tone={engineTones[engine.state]} />
              <span className="engine-title">
                {engine.name} · {engineHealthShort(engine)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {open && <SettingsDialog section="engines" onClose={() => setOpen(false)} />}
    </>
  );
}
