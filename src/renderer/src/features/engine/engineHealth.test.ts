import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../../shared/contract/engines';
import { engineHealth, engineHealthShort, engineName, isUsable, latencyText } from './engineHealth';

const box: EngineStatus = {
  id: 'e1',
  name: 'build-box',
  kind: 'ssh',
  endpoint: 'ssh://ci@build:22',
  state: 'connected',
  checkedAt: '2026-11-22T10:00:00.000Z',
};

describe('engine health', () => {
  it('says connected with the version and the round trip', () => {
    expect(engineHealth({ ...box, version: '20.10.24', latencyMs: 2.345 })).toBe(
      'connected · 20.10.24 · 2.3 ms',
    );
    expect(engineHealth({ ...box, latencyMs: 48.6 })).toBe('connected · 49 ms');
    expect(engineHealth(box)).toBe('connected');
  });

  it('names what is wrong in a few words', () => {
    expect(engineHealth({ ...box, state: 'host_key_unknown' })).toBe('host key to check');
    expect(engineHealth({ ...box, state: 'host_key_changed' })).toBe('host key changed');
    expect(engineHealth({ ...box, state: 'docker_unavailable' })).toBe('Docker not running there');
    expect(engineHealth({ ...box, state: 'auth_refused' })).toBe('login refused');
    expect(engineHealth({ ...box, state: 'connecting', latencyMs: 3 })).toBe('connecting…');
  });

  it('says only the round trip or the problem in the sidebar', () => {
    expect(engineHealthShort({ ...box, version: '27.3.1', latencyMs: 52.2 })).toBe('52 ms');
    expect(engineHealthShort(box)).toBe('connected');
    expect(engineHealthShort({ ...box, state: 'auth_refused' })).toBe('login refused');
  });

  it('keeps a tenth of a millisecond only below 10 ms', () => {
    expect(latencyText(0.04)).toBe('0.0 ms');
    expect(latencyText(9.96)).toBe('10.0 ms');
    expect(latencyText(10.4)).toBe('10 ms');
  });

  it('names a session’s engine, or says it was removed', () => {
    expect(engineName([box], 'e1')).toBe('build-box');
    expect(engineName([box], 'gone')).toBe('removed engine');
  });

  it('offers only connected engines for new sessions', () => {
    expect(isUsable(box)).toBe(true);
    expect(isUsable({ ...box, state: 'host_key_unknown' })).toBe(false);
  });
});
