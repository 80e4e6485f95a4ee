import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/contract';
import { startHost, type HostHarness } from '../../testing/hostHarness';

// The whole session lifecycle against the real Docker engine and a real SQLite file.
const docker = new Docker();

async function sh(containerId: string, script: string): Promise<string> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: ['bash', '-c', script],
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true });
  let out = '';
  stream.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  await new Promise((resolve) => stream.on('end', resolve));
  return out.trim();
}

async function containerState(id: string): Promise<string> {
  try {
    const info = await docker.getContainer(id).inspect();
    return info.State.Status;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return 'missing';
    throw error;
  }
}

describe('session lifecycle on the real engine', () => {
  let h: HostHarness;
  const cleanup: string[] = [];

  beforeAll(async () => {
    h = await startHost();
  });

  afterAll(async () => {
    for (const id of cleanup) {
      await h.client.api.sessions.delete({ id }).catch(() => {});
    }
    await h?.close();
  });

  it('shows the engine as connected', async () => {
    await expect
      .poll(async () => (await h.client.api.engines.status({})).state, { timeout: 10_000 })
      .toBe('connected');
    const status = await h.client.api.engines.status({});
    expect(status.version).toMatch(/\d+\.\d+/);
  });

  let session: Session;

  it('creates a session that moves from creating to running with progress', async () => {
    const seen: Session[] = [];
    const off = h.client.on('sessions.changed', (s) => seen.push(s));
    session = await h.client.api.sessions.create({ name: 'Lifecycle one' });
    cleanup.push(session.id);
    expect(session.status).toBe('creating');
    expect(session.progress?.message).toBeTruthy();
    const running = await h.waitForStatus(session.id, 'running');
    off();
    expect(running.containerId).toBeTruthy();
    expect(seen.some((s) => s.status === 'creating' && s.progress)).toBe(true);
    expect(seen.at(-1)?.status).toBe('running');
    session = running;
    const info = await docker.getContainer(running.containerId!).inspect();
    expect(info.Config.Labels['berth.session']).toBe(session.id);
    expect(info.Config.Labels['berth.session-name']).toBe('Lifecycle one');
    expect(info.State.Running).toBe(true);
    const log = await h.client.api.sessions.buildLog({ id: session.id });
    expect(log.done).toBe(true);
    expect(log.image).toMatch(/^berth-sandbox-default:/);
  });

  it('refuses a duplicate name (any case), an empty and an overlong one, keeping the first', async () => {
    await expect(h.client.api.sessions.create({ name: 'LIFECYCLE ONE' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already exists'),
    });
    await expect(h.client.api.sessions.create({ name: '   ' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(h.client.api.sessions.create({ name: 'n'.repeat(65) })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const list = await h.client.api.sessions.list({});
    expect(list.filter((s) => s.name === 'Lifecycle one')).toHaveLength(1);
  });

  it('answers unknown ids with not_found', async () => {
    for (const call of [
      h.client.api.sessions.get({ id: 'nope' }),
      h.client.api.sessions.start({ id: 'nope' }),
      h.client.api.sessions.stop({ id: 'nope' }),
      h.client.api.sessions.delete({ id: 'nope' }),
      h.client.api.terminals.attach({ id: 'nope' }),
      h.client.api.terminals.list({ sessionId: 'nope' }),
      h.client.api.terminals.open({ sessionId: 'nope', cols: 80, rows: 24 }),
    ]) {
      await expect(call).rejects.toMatchObject({ code: 'not_found' });
    }
  });

  it('keeps files in the sandbox across stop and start', async () => {
    await sh(session.containerId!, 'echo kept > /workspace/note.txt');
    const stopped = await h.client.api.sessions.stop({ id: session.id });
    expect(stopped.status).toBe('stopped');
    expect(await containerState(session.containerId!)).toBe('exited');
    const started = await h.client.api.sessions.start({ id: session.id });
    expect(started.status).toBe('running');
    expect(await sh(session.containerId!, 'cat /workspace/note.txt')).toBe('kept');
  });

  it('turns a sandbox killed outside Berth into an error, and recovers on start', async () => {
    await docker.getContainer(session.containerId!).kill();
    const errored = await h.waitForStatus(session.id, 'error', 20_000);
    expect(errored.statusDetail).toMatch(/outside Berth/);
    const started = await h.client.api.sessions.start({ id: session.id });
    expect(started.status).toBe('running');
  });

  it('notices a sandbox removed outside Berth and recreates it on start with /workspace kept', async () => {
    await docker.getContainer(session.containerId!).remove({ force: true });
    // A forced removal is a `die` then a `destroy`: the session ends up saying it was removed.
    await expect
      .poll(async () => (await h.client.api.sessions.get({ id: session.id })).statusDetail, {
        timeout: 20_000,
      })
      .toMatch(/removed outside Berth/);
    expect((await h.client.api.sessions.get({ id: session.id })).status).toBe('error');
    await h.client.api.sessions.start({ id: session.id });
    const running = await h.waitForStatus(session.id, 'running', 120_000);
    expect(running.containerId).not.toBe(session.containerId);
    expect(await sh(running.containerId!, 'cat /workspace/note.txt')).toBe('kept');
    session = running;
  });

  it('deletes a session: container gone, hidden from the list, record kept for audit', async () => {
    const deleted = await h.client.api.sessions.delete({ id: session.id });
    expect(deleted.status).toBe('deleted');
    expect(await containerState(session.containerId!)).toBe('missing');
    const volumes = await docker.listVolumes({ filters: { name: [`berth-ws-${session.id}`] } });
    expect(volumes.Volumes ?? []).toHaveLength(0);
    expect((await h.client.api.sessions.list({})).map((s) => s.id)).not.toContain(session.id);
    const all = await h.client.api.sessions.list({ includeDeleted: true });
    expect(all.find((s) => s.id === session.id)?.status).toBe('deleted');
    // The name is free again.
    const again = await h.client.api.sessions.create({ name: 'Lifecycle one' });
    cleanup.push(again.id);
    await h.client.api.sessions.delete({ id: again.id });
  });

  it('cancels creation cleanly when a creating session is deleted', async () => {
    const s = await h.client.api.sessions.create({ name: 'Cancelled early' });
    const deleted = await h.client.api.sessions.delete({ id: s.id });
    expect(deleted.status).toBe('deleted');
    await new Promise((r) => setTimeout(r, 1500));
    const leftovers = await docker.listContainers({
      all: true,
      filters: { label: [`berth.session=${s.id}`] },
    });
    expect(leftovers).toHaveLength(0);
    const all = await h.client.api.sessions.list({ includeDeleted: true });
    expect(all.find((x) => x.id === s.id)?.status).toBe('deleted');
  });

  it('refuses a second workbench on the same data directory', async () => {
    await expect(startHost({ dataDir: h.dataDir })).rejects.toThrow(
      /Another Berth is already using/,
    );
  });
});
