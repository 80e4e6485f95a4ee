import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineState, EngineStatus } from '../../../shared/contract';
import { createDockerClient, defaultSocketPath } from './dockerClient';
import { DockerEngineMonitor } from './dockerEngineMonitor';
import { classifyEngineError } from './engineErrors';
import type { ContainerEvent } from './engineMonitor';

const runId = randomUUID().slice(0, 8);
const dir = mkdtempSync(join(tmpdir(), 'berth-engine-'));
// Sockets inside must be reachable by the unprivileged user of the permission test.
chmodSync(dir, 0o755);
const monitors: DockerEngineMonitor[] = [];
const containers: string[] = [];
const { docker } = createDockerClient();

function watch(
  dockerHost: string,
  retryMs?: number,
): { monitor: DockerEngineMonitor; seen: EngineStatus[] } {
  const client = createDockerClient(dockerHost);
  const monitor = new DockerEngineMonitor(
    client.docker,
    client.endpoint,
    retryMs ? { retryMs } : {},
  );
  const seen: EngineStatus[] = [];
  monitor.onStatus((status) => seen.push(status));
  monitors.push(monitor);
  return { monitor, seen };
}

function waitForState(
  monitor: DockerEngineMonitor,
  state: EngineState,
  timeoutMs = 10_000,
): Promise<EngineStatus> {
  if (monitor.status.state === state) return Promise.resolve(monitor.status);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`engine still ${monitor.status.state}, not ${state}`));
    }, timeoutMs);
    const stop = monitor.onStatus((status) => {
      if (status.state !== state) return;
      clearTimeout(timer);
      stop();
      resolve(status);
    });
  });
}

function waitForEvent(
  events: ContainerEvent[],
  match: (event: ContainerEvent) => boolean,
): Promise<ContainerEvent> {
  return vi.waitFor(
    () => {
      const found = events.find(match);
      if (!found) throw new Error(`no such event yet among ${JSON.stringify(events)}`);
      return found;
    },
    { timeout: 10_000, interval: 50 },
  );
}

/** A sandbox-like container, labelled as a test, from the base image every machine has. */
async function startLabelledContainer(sessionId: string): Promise<string> {
  const container = await docker.createContainer({
    Image: 'berth-base:bookworm',
    Cmd: ['sleep', 'infinity'],
    Labels: { 'berth.session': sessionId, 'berth.test': '1' },
  });
  containers.push(container.id);
  await container.start();
  return container.id;
}

/** A unix socket that forwards to the real engine, and can be cut and restored like an engine restart. */
class EngineProxy {
  readonly path = join(dir, `proxy-${randomUUID().slice(0, 8)}.sock`);
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  async listen(): Promise<void> {
    const server = createServer((client) => {
      const engine = createConnection(defaultSocketPath);
      for (const socket of [client, engine]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(engine).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.path, resolve));
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

afterEach(() => {
  for (const monitor of monitors.splice(0)) monitor.dispose();
});

afterAll(async () => {
  for (const id of containers) {
    await docker
      .getContainer(id)
      .remove({ force: true })
      .catch(() => undefined);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('DockerEngineMonitor', () => {
  it('connects to the real engine and reports its version', async () => {
    const { monitor, seen } = watch(`unix://${defaultSocketPath}`);
    expect(monitor.status.state).toBe('connecting');
    const status = await waitForState(monitor, 'connected');
    expect(status).toMatchObject({
      id: 'local',
      endpoint: `unix://${defaultSocketPath}`,
      state: 'connected',
    });
    expect(status.version).toMatch(/^\d+\.\d+/);
    // A check that finds nothing new tells no one.
    await monitor.check();
    expect(seen.map((s) => s.state)).toEqual(['connected']);
  });

  it('says no engine answers at a socket that does not exist, with what to do', async () => {
    const path = join(dir, 'missing.sock');
    const { monitor } = watch(`unix://${path}`);
    const status = await monitor.check();
    expect(status).toMatchObject({
      state: 'unreachable',
      endpoint: `unix://${path}`,
      message: `No Docker engine answers at ${path}.`,
      hint: 'Start Docker (sudo systemctl start docker, or run dockerd) or set DOCKER_HOST.',
    });
  });

  it('says the engine refuses connections at a socket nobody listens on', async () => {
    const path = join(dir, 'refusing.sock');
    // A socket file bound but never listened on: connecting is refused, like a crashed dockerd.
    execFileSync('python3', [
      '-c',
      `import socket; socket.socket(socket.AF_UNIX).bind(${JSON.stringify(path)})`,
    ]);
    const { monitor } = watch(`unix://${path}`);
    await expect(monitor.check()).resolves.toMatchObject({
      state: 'unreachable',
      message: `The Docker engine at ${path} refuses connections.`,
      hint: 'Start Docker (sudo systemctl start docker, or run dockerd) or set DOCKER_HOST.',
    });
  });

  it('says permission denied when the user may not open the socket', async () => {
    const proxy = new EngineProxy();
    await proxy.listen();
    chmodSync(proxy.path, 0o600);
    const { monitor } = watch(`unix://${proxy.path}`);
    await waitForState(monitor, 'connected');
    monitor.dispose();
    // Root opens any socket; act as `nobody` for this check, as a user outside the docker group.
    const asRoot = process.geteuid?.() === 0;
    if (asRoot) process.seteuid?.(65534);
    let status: EngineStatus;
    try {
      status = await watch(`unix://${proxy.path}`).monitor.check();
    } finally {
      if (asRoot) process.seteuid?.(0);
      await proxy.cut();
    }
    expect(status).toMatchObject({
      state: 'permission_denied',
      message: `Permission denied on ${proxy.path}.`,
      hint: 'Add your user to the docker group (sudo usermod -aG docker $USER) and log in again.',
    });
  });

  it('reports the containers of sessions dying and being removed', async () => {
    const { monitor } = watch(`unix://${defaultSocketPath}`);
    await waitForState(monitor, 'connected');
    const events: ContainerEvent[] = [];
    monitor.onContainerEvent((event) => events.push(event));
    const sessionId = `test-${runId}-events`;
    const id = await startLabelledContainer(sessionId);
    await waitForEvent(events, (e) => e.action === 'start' && e.containerId === id);
    await docker.getContainer(id).kill();
    await docker.getContainer(id).remove();
    const died = await waitForEvent(events, (e) => e.action === 'die' && e.containerId === id);
    expect(died).toEqual({ action: 'die', containerId: id, sessionId, exitCode: 137 });
    const destroyed = await waitForEvent(
      events,
      (e) => e.action === 'destroy' && e.containerId === id,
    );
    expect(destroyed).toEqual({ action: 'destroy', containerId: id, sessionId });
  });

  it('notices a lost engine, retries, and follows events again when it is back', async () => {
    const proxy = new EngineProxy();
    await proxy.listen();
    const { monitor, seen } = watch(`unix://${proxy.path}`, 100);
    await waitForState(monitor, 'connected');
    const events: ContainerEvent[] = [];
    monitor.onContainerEvent((event) => events.push(event));

    await proxy.cut();
    const lost = await waitForState(monitor, 'unreachable');
    expect(lost.message).toMatch(
      /Lost the connection to the Docker engine|No Docker engine answers/,
    );
    // A sandbox starts while the workbench cannot see the engine.
    const missedSession = `test-${runId}-missed`;
    const missed = await startLabelledContainer(missedSession);
    // Several retries fail while the engine is away; the status is told once per new sentence.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen.filter((s) => s.state === 'unreachable').length).toBeLessThanOrEqual(2);

    await proxy.listen();
    await waitForState(monitor, 'connected');
    // What happened during the outage is replayed, once.
    await waitForEvent(events, (e) => e.action === 'start' && e.containerId === missed);
    const sessionId = `test-${runId}-back`;
    const id = await startLabelledContainer(sessionId);
    await waitForEvent(
      events,
      (e) => e.action === 'start' && e.containerId === id && e.sessionId === sessionId,
    );
    expect(events.filter((e) => e.containerId === missed && e.action === 'start')).toEqual([
      { action: 'start', containerId: missed, sessionId: missedSession },
    ]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]?.message).not.toBe(seen[i - 1]?.message);
    await proxy.cut();
  });

  it('stops checking once disposed', async () => {
    const client = createDockerClient(`unix://${join(dir, 'never.sock')}`);
    const version = vi.spyOn(client.docker, 'version');
    const monitor = new DockerEngineMonitor(client.docker, client.endpoint, { retryMs: 20 });
    await waitForState(monitor, 'unreachable');
    monitor.dispose();
    const calls = version.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(version.mock.calls.length).toBe(calls);
    expect(monitor.status.state).toBe('unreachable');
  });
});

describe('classifyEngineError', () => {
  const endpoint = 'unix:///var/run/docker.sock';

  it('words each failure for the user', () => {
    const error = (code: string): Error => Object.assign(new Error(code), { code });
    expect(classifyEngineError(error('ENOENT'), endpoint)).toEqual({
      state: 'unreachable',
      message: 'No Docker engine answers at /var/run/docker.sock.',
      hint: 'Start Docker (sudo systemctl start docker, or run dockerd) or set DOCKER_HOST.',
    });
    expect(classifyEngineError(error('EACCES'), endpoint)).toEqual({
      state: 'permission_denied',
      message: 'Permission denied on /var/run/docker.sock.',
      hint: 'Add your user to the docker group (sudo usermod -aG docker $USER) and log in again.',
    });
    expect(
      classifyEngineError(new DOMException('late', 'TimeoutError'), 'tcp://10.0.0.5:2375'),
    ).toMatchObject({
      state: 'unreachable',
      message: 'The Docker engine at tcp://10.0.0.5:2375 did not answer within 5 s.',
    });
    expect(classifyEngineError(error('ECONNREFUSED'), 'tcp://10.0.0.5:2375').hint).toMatch(
      /DOCKER_HOST/,
    );
  });
});
