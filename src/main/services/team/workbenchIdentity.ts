import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { SessionOwner } from '../../../shared/contract';
import type { SettingsTable } from '../../storage/settingsTable';

/**
 * Who this workbench is on a shared engine: a stable id made once per data directory, and the
 * owner's name (the git identity set in Berth, else user@host). Both go on every sandbox it makes.
 */
export function workbenchIdentity(
  settings: SettingsTable,
  gitName: () => string | undefined,
): () => SessionOwner {
  let workbenchId = settings.get<string>('workbenchId');
  if (!workbenchId) {
    workbenchId = randomUUID();
    settings.set('workbenchId', workbenchId);
  }
  const id = workbenchId;
  return () => ({
    name: gitName()?.trim() || `${userInfo().username}@${hostname()}`,
    workbenchId: id,
  });
}
