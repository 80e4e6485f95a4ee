import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../shared/contract';
import { EventBus } from '../events';
import { openDb } from '../../storage/db';
import { EnginesTable } from '../../storage/enginesTable';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import { defaultSocketPath } from './dockerClient';
import { EngineRegistry } from './engineRegistry';
import { EnginesService } from './enginesService';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function service(dockerHost: string): { engines: EnginesService; pushed: EngineStatus[] } {
  const registry = new EngineRegistry({
    localDockerHost: dockerHost,
    runtimeFor: () => ({}) as SandboxRuntime,
    trustedKey: () => undefined,
    retryMs: { local: 60_000 },
  });
  const dir = mkdtempSync(join(tmpdir(), 'berth-engines-db-'));
  const db = openDb(dir);
  const bus = new EventBus();
  const pushed: EngineStatus[] = [];
  bus.on('engines.status', (status) => pushed.push(status));
  const engines = new EnginesService({
    registry,
    table: new EnginesTable(db),
    bus,
    lastUsed: () => undefined,
    sessionsOn: () => [],
  });
  cleanups.push(() => {
    engines.dispose();
    registry.dispose();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { engines, pushed };
}

describe('EnginesService', () => {
  it('answers with the engine state and pushes each change to windows', async () => {
    const { engines, pushed } = service(`unix://${defaultSocketPath}`);
    const status = await engines.reconnect({});
    expect(status.state).toBe('connected');
    await expect(engines.status({})).resolves.toMatchObject({
      state: 'connected',
      version: status.version,
    });
    expect(pushed.map((s) => s.state)).toEqual(['connected']);
  });

  it('checks again on reconnect instead of waiting for the next retry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-engines-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { engines, pushed } = service(`unix://${join(dir, 'docker.sock')}`);
    const first = await engines.reconnect({});
    expect(first.state).toBe('unreachable');
    const again = await engines.reconnect({});
    expect(again.state).toBe('unreachable');
    expect(again.checkedAt >= first.checkedAt).toBe(true);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]?.message).toMatch(/^No Docker engine answers at .*docker\.sock\.$/);
  });
});
