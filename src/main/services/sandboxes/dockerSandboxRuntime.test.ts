import { randomUUID } from 'node:crypto';
import { appendFile, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/contract';
import { resourcesDir } from '../../paths';
import { createDockerClient } from '../engines/dockerClient';
import { DockerSandboxRuntime } from './dockerSandboxRuntime';
import type { ExecOptions, ImageBuildProgress, SandboxRuntime } from './sandboxRuntime';

const { docker } = createDockerClient();
const runId = randomUUID().slice(0, 8);
const sessionIds: string[] = [];
const newSessionId = (): string => {
  const id = `test-${runId}-${sessionIds.length}`;
  sessionIds.push(id);
  return id;
};
const testLabels = { 'berth.test': '1', 'berth.project': 'project-1' };

/**
 * A copy of the default profile with a nonce file: its tag is new, so the test really goes
 * through a build, while Docker's layer cache keeps the rebuild cheap after the first run.
 * `slowStep` appends a 2 s step that is never cached, so a second caller can join mid-build.
 */
let profileDir: string;
let runtime: DockerSandboxRuntime;
let image: string;
const firstProgress: ImageBuildProgress[] = [];
const joinerProgress: ImageBuildProgress[] = [];
const tempDirs: string[] = [];

async function tempProfile(
  options: { dockerfile?: string; slowStep?: boolean } = {},
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-profile-'));
  tempDirs.push(dir);
  await cp(join(resourcesDir(), 'profiles', 'default'), dir, { recursive: true });
  await writeFile(join(dir, 'nonce'), runId);
  if (options.dockerfile !== undefined)
    await writeFile(join(dir, 'Dockerfile'), options.dockerfile);
  if (options.slowStep) await appendFile(join(dir, 'Dockerfile'), `RUN sleep 2 && echo ${runId}\n`);
  return dir;
}

/** Collects everything a process prints until its stream ends. */
function collect(stream: Duplex): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
}

async function run(
  target: SandboxRuntime,
  containerId: string,
  cmd: string[],
  extra: Partial<ExecOptions> = {},
): Promise<{ output: string; exitCode: number | null }> {
  const process = await target.exec(containerId, { cmd, tty: false, ...extra });
  const output = collect(process.stream);
  process.stream.end();
  return { output: await output, exitCode: await process.wait() };
}

/** Reads a TTY stream until `pattern` appears in what arrived since the call. */
function waitForOutput(stream: Duplex, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => {
      stream.off('data', onData);
      reject(new Error(`no ${pattern} in terminal output: ${JSON.stringify(text)}`));
    }, 10_000);
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      if (pattern.test(text)) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolve(text);
      }
    };
    stream.on('data', onData);
  });
}

beforeAll(async () => {
  profileDir = await tempProfile({ slowStep: true });
  runtime = new DockerSandboxRuntime(docker, { profileDir, workbenchId: `workbench-${runId}` });
  // A second caller, arriving once the build has printed its first line, shares that build and
  // still receives every line.
  let joiner: Promise<string> | undefined;
  const first = runtime.ensureImage((progress) => {
    firstProgress.push(progress);
    joiner ??= runtime.ensureImage((late) => joinerProgress.push(late));
  });
  const a = await first;
  const b = await joiner;
  expect(b).toBe(a);
  image = a;
});

afterAll(async () => {
  for (const sessionId of sessionIds) {
    await docker
      .getContainer(`berth-${sessionId}`)
      .remove({ force: true })
      .catch(() => undefined);
    await docker
      .getVolume(`berth-ws-${sessionId}`)
      .remove()
      .catch(() => undefined);
  }
  if (image)
    await docker
      .getImage(image)
      .remove()
      .catch(() => undefined);
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

describe('ensureImage', () => {
  it('builds the profile image once, reporting steps, and finds it the second time', async () => {
    expect(image).toMatch(/^berth-sandbox-default:[0-9a-f]{12}$/);
    const lines = firstProgress.flatMap((progress) => (progress.line ? [progress.line] : []));
    expect(lines.some((line) => line.startsWith('Step 1/'))).toBe(true);
    expect(firstProgress.some((progress) => progress.fraction === 1)).toBe(true);
    expect(joinerProgress.map((progress) => progress.line)).toEqual(
      firstProgress.map((progress) => progress.line),
    );

    const again: ImageBuildProgress[] = [];
    await expect(runtime.ensureImage((progress) => again.push(progress))).resolves.toBe(image);
    expect(again).toEqual([]);
    const info = await docker.getImage(image).inspect();
    expect(info.Config.User).toBe('berth');
    expect(info.Config.WorkingDir).toBe('/workspace');
    expect(info.Config.Entrypoint).toEqual(['/usr/bin/tini', '--']);
  });

  it('names scripts/build-base-image.sh when the base image is missing', async () => {
    const orphan = new DockerSandboxRuntime(docker, {
      profileDir,
      baseImage: `berth-missing-base:${runId}`,
    });
    const failure = orphan.ensureImage(() => undefined);
    await expect(failure).rejects.toBeInstanceOf(RpcError);
    await expect(failure).rejects.toMatchObject({ code: 'unavailable' });
    await expect(failure).rejects.toThrow(/berth-missing-base.*scripts\/build-base-image\.sh/s);
  });

  it('rejects with the build error text when a step fails', async () => {
    const broken = await tempProfile({
      dockerfile: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo about to fail && exit 3\n',
    });
    const failing = new DockerSandboxRuntime(docker, { profileDir: broken });
    const progress: ImageBuildProgress[] = [];
    await expect(failing.ensureImage((p) => progress.push(p))).rejects.toThrow(
      /returned a non-zero code: 3/,
    );
    expect(progress.some((p) => p.line === 'about to fail')).toBe(true);
  });

  it('rejects at once with an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runtime.ensureImage(() => undefined, controller.signal)).rejects.toThrow(/abort/i);
  });
});

describe('a sandbox', () => {
  let containerId: string;
  let sessionId: string;

  beforeAll(async () => {
    sessionId = newSessionId();
    containerId = await runtime.create({
      sessionId,
      sessionName: 'Fix the Login Bug!',
      image,
      labels: testLabels,
    });
    await runtime.start(containerId);
  });

  it('is created hardened, labelled and with its workspace volume', async () => {
    const info = await docker.getContainer(containerId).inspect();
    expect(info.Name).toBe(`/berth-${sessionId}`);
    expect(info.Config.Hostname).toBe('fix-the-login-bug');
    expect(info.Config.Labels).toMatchObject({
      'berth.session': sessionId,
      'berth.session-name': 'Fix the Login Bug!',
      'berth.workbench': `workbench-${runId}`,
      'berth.project': 'project-1',
    });
    const host = info.HostConfig;
    expect(host.Privileged).toBe(false);
    expect(host.SecurityOpt).toContain('no-new-privileges');
    expect(host.CapDrop).toEqual(
      expect.arrayContaining(['NET_RAW', 'MKNOD', 'SYS_CHROOT', 'AUDIT_WRITE', 'SETFCAP']),
    );
    expect(host.PidsLimit).toBe(1024);
    expect(host.Memory).toBe(4 * 1024 ** 3);
    expect(host.NanoCpus).toBe(2e9);
    expect(host.Init).toBeFalsy();
    expect(info.Mounts.some((mount) => mount.Source.includes('docker.sock'))).toBe(false);
    expect(info.Mounts).toEqual([
      expect.objectContaining({
        Type: 'volume',
        Name: `berth-ws-${sessionId}`,
        Destination: '/workspace',
      }),
    ]);
    const volume = await docker.getVolume(`berth-ws-${sessionId}`).inspect();
    expect(volume.Labels).toMatchObject({ 'berth.session': sessionId });
    await expect(runtime.inspect(containerId)).resolves.toEqual({ containerId, state: 'running' });
  });

  it('runs commands as berth in /workspace, with env, stderr and the exit code', async () => {
    await expect(run(runtime, containerId, ['id', '-un'])).resolves.toEqual({
      output: 'berth\n',
      exitCode: 0,
    });
    const shell = await run(
      runtime,
      containerId,
      ['sh', '-c', 'pwd; echo "$GREETING"; echo oops >&2; exit 3'],
      {
        env: { GREETING: 'hello sandbox' },
      },
    );
    // The engine copies stdout and stderr separately, so only each one's own order is certain.
    expect(shell.output.replace('oops\n', '')).toBe('/workspace\nhello sandbox\n');
    expect(shell.output).toContain('oops\n');
    expect(shell.exitCode).toBe(3);
    await expect(run(runtime, containerId, ['id', '-un'], { user: 'root' })).resolves.toMatchObject(
      {
        output: 'root\n',
      },
    );
  });

  it('feeds stdin to the process and closes it on end', async () => {
    const process = await runtime.exec(containerId, { cmd: ['wc', '-c'], tty: false });
    const output = collect(process.stream);
    process.stream.write('twelve bytes');
    process.stream.end();
    expect((await output).trim()).toBe('12');
    await expect(process.wait()).resolves.toBe(0);
  });

  it('gives a terminal its size and follows resizes', async () => {
    const terminal = await runtime.exec(containerId, {
      cmd: ['bash'],
      tty: true,
      cols: 100,
      rows: 30,
    });
    const prompt = waitForOutput(terminal.stream, /berth@fix-the-login-bug\S*\$ $/);
    await prompt;
    const first = waitForOutput(terminal.stream, /\d+ \d+\r\n/);
    terminal.stream.write('stty size\n');
    expect(await first).toMatch(/30 100\r\n/);
    await terminal.resize(120, 40);
    const second = waitForOutput(terminal.stream, /\d+ \d+\r\n/);
    terminal.stream.write('stty size\n');
    expect(await second).toMatch(/40 120\r\n/);
    terminal.stream.write('exit 7\n');
    await expect(terminal.wait()).resolves.toBe(7);
    await expect(terminal.resize(80, 24)).resolves.toBeUndefined();
  });

  it('keeps the workspace across stop and start', async () => {
    await run(runtime, containerId, ['sh', '-c', 'echo kept > /workspace/note.txt']);
    await runtime.stop(containerId);
    const stopped = await runtime.inspect(containerId);
    expect(stopped.state).toBe('stopped');
    expect(stopped.exitCode).toEqual(expect.any(Number));
    await expect(runtime.stop(containerId)).resolves.toBeUndefined();
    await runtime.start(containerId);
    await expect(runtime.start(containerId)).resolves.toBeUndefined();
    await expect(run(runtime, containerId, ['cat', '/workspace/note.txt'])).resolves.toEqual({
      output: 'kept\n',
      exitCode: 0,
    });
  });

  it('refuses a second sandbox for the same session with conflict', async () => {
    await expect(
      runtime.create({ sessionId, sessionName: 'again', image, labels: testLabels }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('is removed with its volume, and removing again is fine', async () => {
    await runtime.remove(containerId, sessionId);
    await expect(docker.getContainer(containerId).inspect()).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(docker.getVolume(`berth-ws-${sessionId}`).inspect()).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(runtime.remove(containerId, sessionId)).resolves.toBeUndefined();
    await expect(runtime.inspect(containerId)).resolves.toEqual({ containerId, state: 'missing' });
    await expect(runtime.start(containerId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(runtime.exec(containerId, { cmd: ['true'], tty: false })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('limits the engine cannot give', () => {
  it('caps a CPU limit above the engine CPU count at that count instead of failing', async () => {
    const { NCPU } = (await docker.info()) as { NCPU: number };
    const sessionId = newSessionId();
    const containerId = await runtime.create({
      sessionId,
      sessionName: 'many cpus',
      image,
      labels: testLabels,
      nanoCpus: (NCPU + 8) * 1e9,
    });
    try {
      const info = await docker.getContainer(containerId).inspect();
      expect(info.HostConfig.NanoCpus).toBe(NCPU * 1e9);
    } finally {
      await runtime.remove(containerId, sessionId);
    }
  });
});

describe('errors a user sees', () => {
  it('says the engine is unavailable, with the hint, when nothing answers', async () => {
    const { docker: nowhere } = createDockerClient(`unix:///tmp/berth-no-engine-${runId}.sock`);
    const offline = new DockerSandboxRuntime(nowhere, { profileDir });
    const failure = offline.start('anything');
    await expect(failure).rejects.toMatchObject({ code: 'unavailable' });
    await expect(failure).rejects.toThrow(/No Docker engine answers at .*Start Docker/);
  });
});
