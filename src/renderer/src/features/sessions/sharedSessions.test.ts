import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../../shared/contract/engines';
import type { SharedSession } from '../../../../shared/contract/sessions';
import { sharedByEngine } from './sharedSessions';

const engine = (id: string): EngineStatus => ({
  id,
  name: id,
  kind: id === 'local' ? 'local' : 'ssh',
  endpoint: id,
  state: 'connected',
  checkedAt: '2026-11-22T10:00:00.000Z',
});

const row = (engineId: string, sessionId: string, createdAt: string): SharedSession => ({
  engineId,
  sessionId,
  name: sessionId,
  owner: { name: 'Alice', workbenchId: 'w1' },
  status: 'running',
  createdAt,
  attached: false,
});

describe('shared sessions by engine', () => {
  it('follows the engine list, newest session first', () => {
    const groups = sharedByEngine(
      [
        row('box', 'b1', '2026-01-01'),
        row('local', 'l1', '2026-01-01'),
        row('box', 'b2', '2026-02-01'),
      ],
      [engine('local'), engine('box')],
    );
    expect(groups.map((g) => [g.engineId, g.sessions.map((s) => s.sessionId)])).toEqual([
      ['local', ['l1']],
      ['box', ['b2', 'b1']],
    ]);
  });

  it('puts an engine no longer listed last', () => {
    const groups = sharedByEngine(
      [row('gone', 'g1', '2026-01-01'), row('box', 'b1', '2026-01-01')],
      [engine('local'), engine('box')],
    );
    expect(groups.map((g) => g.engineId)).toEqual(['box', 'gone']);
  });
});
