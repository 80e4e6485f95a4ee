import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/contract/settings';
import { rpc } from '../../rpc/connection';
import { useStore } from '../../store';
import { reportError } from '../../store/sync';

/**
 * The settings while a view shows them: read once, then kept in step by `settings.changed` (the
 * same settings may be changed from another window). `set` takes what a save returned.
 */
export function useSettings(): { settings: Settings | null; set(settings: Settings): void } {
  const [settings, set] = useState<Settings | null>(null);
  const epoch = useStore((s) => s.connectionEpoch);

  useEffect(() => {
    const client = rpc();
    const stop = client.on('settings.changed', set);
    const controller = new AbortController();
    client.api.settings.get({}, { signal: controller.signal }).then(set).catch(reportError);
    return () => {
      controller.abort();
      stop();
    };
  }, [epoch]);

  return { settings, set };
}
