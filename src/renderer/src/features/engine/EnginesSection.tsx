import { useEffect, useRef } from 'react';
import { useStore } from '../../store';
import { AddEngineForm } from './AddEngineForm';
import { EngineRow } from './EngineRow';

/** Settings → Engines: every engine with its health and host key, and adding a remote one. */
export function EnginesSection({ inSight = false }: { inSight?: boolean }) {
  const engines = useStore((s) => s.engines);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (inSight) ref.current?.scrollIntoView({ block: 'start' });
  }, [inSight]);
  return (
    <section ref={ref} className="settings-section" aria-labelledby="settings-engines">
      <h3 id="settings-engines" className="settings-title">
        Engines
      </h3>
      <p className="dialog-text">
        Sessions run on the local Docker engine or on a remote one, over SSH or over TCP with TLS.
        Teammates who add the same engine see each other’s sessions there.
      </p>
      {engines.length === 0 ? (
        <p className="muted small-print">Reading the engines…</p>
      ) : (
        <ul className="engine-rows" aria-label="Engines">
          {engines.map((engine) => (
            <EngineRow key={engine.id} engine={engine} />
          ))}
        </ul>
      )}
      <AddEngineForm />
    </section>
  );
}
