import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../../shared/contract/engines';
import { defaultEngineId, engineChoiceError, engineOptionText } from './engineChoice';

const engine = (id: string, state: EngineStatus['state']): EngineStatus => ({
  id,
  name: id === 'local' ? 'Local' : id,
  kind: id === 'local' ? 'local' : 'ssh',
  endpoint: id,
  state,
  checkedAt: '2026-11-22T10:00:00.000Z',
});

describe('the new session’s engine', () => {
  it('is the last used one while it is connected', () => {
    const engines = [engine('local', 'connected'), engine('box', 'connected')];
    expect(defaultEngineId(engines, 'box')).toBe('box');
  });

  it('is the first connected one when the last used one is away or removed', () => {
    const engines = [engine('local', 'unreachable'), engine('box', 'connected')];
    expect(defaultEngineId(engines, 'local')).toBe('box');
    expect(defaultEngineId([engine('local', 'connected')], 'gone')).toBe('local');
  });

  it('stays the last used one when none is connected, which then says why', () => {
    const engines = [engine('local', 'unreachable'), engine('box', 'host_key_unknown')];
    expect(defaultEngineId(engines, 'box')).toBe('box');
    expect(engineChoiceError(engines, 'box')).toMatch(
      /^box is not connected \(host key to check\)/,
    );
    expect(engineChoiceError(engines, 'gone')).toMatch(/removed/);
    expect(engineChoiceError([engine('box', 'connected')], 'box')).toBeNull();
  });

  it('lists each engine with its health', () => {
    expect(engineOptionText({ ...engine('box', 'connected'), latencyMs: 3.14 })).toBe(
      'box — connected · 3.1 ms',
    );
  });
});
