import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineStatus, EngineState } from '../../../shared/contract';
import { startHost, type HostHarness } from '../../testing/hostHarness';
import { startSshEngine, type SshEngineFixture } from '../../testing/sshEngine';
import { startTlsEngine, type TlsEngineFixture } from '../../testing/tlsEngine';
import { within } from '../../testing/within';

// A real remote engine on this machine: Debian's sshd on a loopback port, its user reaching the
// local Docker socket, and the Docker API over TCP with mutual TLS. Fails (never skips) without
// Docker or sshd.

const local = new Docker({ socketPath: '/var/run/docker.sock' });

async function stateOf(h: HostHarness, engineId: string, want: EngineState): Promise<EngineStatus> {
  return within(
    `engine ${engineId} to be ${want}`,
    async () => {
      const status = await h.client.api.engines.status({ engineId });
      return status.state === want ? status : undefined;
    },
    30_000,
  );
}

/** Types a command into a terminal and waits for `expect` in its output. */
async function run(h: HostHarness, id: string, command: string, expected: string): Promise<void> {
  let text = '';
  const off = h.host.events.on('terminals.output', (output) => {
    if (output.id === id) text += output.data;
  });
  try {
    await h.client.api.terminals.write({ id, data: `${command}\r` });
    await within(expected, async () => (text.includes(expected) ? true : undefined), 30_000);
  } finally {
    off();
  }
}

/** Opens a terminal in the session; resolves with its id and its shell's pid. */
async function openShell(h: HostHarness, sessionId: string) {
  const terminal = await h.client.api.terminals.open({ sessionId, cols: 80, rows: 24 });
  await h.client.api.terminals.write({ id: terminal.id, data: 'echo shell-$((6*7)) pid-$$\r' });
  // The whole line: the command's own echo has neither 42 nor the pid.
  const pid = await within(
    'the shell to say its pid',
    async () => {
      const { data } = await h.client.api.terminals.attach({ id: terminal.id });
      return /shell-42 pid-(\d+)\r?\n/.exec(data)?.[1];
    },
    30_000,
  );
  return { id: terminal.id, pid };
}

/** Waits until the tab has taken its shell back, and checks it is the same shell. */
async function expectSameShell(h: HostHarness, shell: { id: string; pid: string }) {
  const snapshot = await within(
    'the terminal to reattach',
    async () => {
      const s = await h.client.api.terminals.attach({ id: shell.id });
      return s.data.includes('reattached') ? s : undefined;
    },
    30_000,
  );
  expect(snapshot.data).toContain('shell-42');
  expect(snapshot.data).not.toContain('shell restarted');
  await run(h, shell.id, 'echo back-$((7*7)) pid-$$', `back-49 pid-${shell.pid}`);
}

describe('a remote engine over SSH', () => {
  let ssh: SshEngineFixture;
  let h: HostHarness;
  let dataDir: string;
  let engineId: string;

  beforeAll(async () => {
    ssh = await startSshEngine();
    dataDir = mkdtempSync(join(tmpdir(), 'berth-ssh-engine-'));
    h = await startHost({ dataDir, engineRetryMs: { remote: 200 } });
  });

  afterAll(async () => {
    await h?.close();
    await ssh?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows an unknown host key with its fingerprint, and connects once it is trusted', async () => {
    const added = await h.client.api.engines.add({
      name: 'build-box',
      address: ssh.address,
      identityFile: ssh.identityFile,
    });
    engineId = added.id;
    expect(added).toMatchObject({ name: 'build-box', kind: 'ssh' });
    const unknown = await stateOf(h, engineId, 'host_key_unknown');
    // The same text `ssh-keygen -lf` prints for the host's key.
    expect(unknown.hostKey).toEqual(ssh.hostKey);
    expect(unknown.message).toContain(ssh.hostKey.fingerprint);
    await expect(
      h.client.api.engines.trustHostKey({ engineId, fingerprint: 'SHA256:not-the-key' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await h.client.api.engines.trustHostKey({ engineId, fingerprint: ssh.hostKey.fingerprint });
    const connected = await stateOf(h, engineId, 'connected');
    expect(connected.version).toMatch(/^\d+\.\d+/);
    expect(connected.latencyMs).toBeGreaterThan(0);
    const list = await h.client.api.engines.list({});
    expect(list.engines.map((e) => e.name)).toEqual(['Local', 'build-box']);
  });

  it('refuses the same address twice and unreadable key files', async () => {
    await expect(
      h.client.api.engines.add({ address: ssh.address, identityFile: ssh.identityFile }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      h.client.api.engines.add({
        address: 'ssh://nobody@127.0.0.1:1',
        identityFile: join(dataDir, 'no-such-key'),
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: /no-such-key cannot be read/ });
    await expect(h.client.api.engines.add({ address: 'ssh://bad address' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('says a wrong key file was refused, and does not retry by itself', async () => {
    const keyDir = mkdtempSync(join(tmpdir(), 'berth-wrong-key-'));
    try {
      const key = join(keyDir, 'id_ed25519');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
      const port = Number(new URL(ssh.address).port);
      const added = await h.client.api.engines.add({
        name: 'wrong-key',
        address: `ssh://${ssh.user}@localhost:${port}`,
        identityFile: key,
      });
      const first = await stateOf(h, added.id, 'host_key_unknown');
      await h.client.api.engines.trustHostKey({
        engineId: added.id,
        fingerprint: first.hostKey!.fingerprint,
      });
      const refused = await stateOf(h, added.id, 'auth_refused');
      expect(refused.message).toContain(key);
      expect(refused.hint).toMatch(/authorized_keys/);
      await h.client.api.engines.remove({ engineId: added.id });
      // A file that is not a key at all.
      writeFileSync(join(keyDir, 'not-a-key'), 'hello\n');
      const garbage = await h.client.api.engines.add({
        address: `ssh://${ssh.user}@[::1]:${port}`,
        identityFile: join(keyDir, 'not-a-key'),
      });
      const bad = await stateOf(h, garbage.id, 'auth_refused');
      expect(bad.message).toMatch(/not a private key/);
      await h.client.api.engines.remove({ engineId: garbage.id });
    } finally {
      rmSync(keyDir, { recursive: true, force: true });
    }
  });

  it('runs a session there: sandbox, labels, a terminal, and comes back after sshd is killed', async () => {
    const created = await h.client.api.sessions.create({ name: 'over-ssh', engineId });
    expect(created.engineId).toBe(engineId);
    const session = await h.waitForStatus(created.id, 'running', 600_000);
    // The engine is this machine's, so the container is visible locally with its labels.
    const info = await local.getContainer(session.containerId!).inspect();
    expect(info.Config.Labels['berth.owner.name']).toBeTruthy();
    expect(info.Config.Labels['berth.workbench']).toBeTruthy();
    expect((await h.client.api.engines.list({})).lastUsed).toBe(engineId);

    const shell = await openShell(h, session.id);

    await ssh.kill();
    await within(
      'the session to show connecting',
      async () => {
        const s = await h.client.api.sessions.get({ id: session.id });
        return s.status === 'connecting' ? s : undefined;
      },
      40_000,
    );
    const terminalNow = (await h.client.api.terminals.list({ sessionId: session.id }))[0];
    expect(terminalNow?.status).toBe('running');

    await ssh.start();
    await h.waitForStatus(session.id, 'running', 60_000);
    await stateOf(h, engineId, 'connected');
    // The same tab, its scrollback kept, and the same shell in it: it ran on in the sandbox.
    await expectSameShell(h, shell);
    await h.client.api.sessions.delete({ id: session.id });
  });

  it('refuses a changed host key loudly and never connects', async () => {
    const rotated = await ssh.rotateHostKey();
    await h.client.api.engines.reconnect({ engineId });
    const changed = await stateOf(h, engineId, 'host_key_changed');
    expect(changed.hostKey?.fingerprint).toBe(rotated.fingerprint);
    expect(changed.message).toMatch(/changed/);
    expect(changed.message).toContain(ssh.hostKey.fingerprint);
    await expect(
      h.client.api.engines.trustHostKey({ engineId, fingerprint: rotated.fingerprint }),
    ).rejects.toMatchObject({ code: 'conflict' });
    // Still refused after a wait: no automatic retry wears it down.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await h.client.api.engines.status({ engineId })).state).toBe('host_key_changed');
  });
});

describe('a remote engine over TCP with TLS', () => {
  let tls: TlsEngineFixture;
  let h: HostHarness;

  beforeAll(async () => {
    tls = await startTlsEngine();
    h = await startHost({ engineRetryMs: { remote: 200 } });
  });

  afterAll(async () => {
    await h?.close();
    await tls?.close();
  });

  it('needs the certificates, then runs a session and a terminal through it', async () => {
    await expect(h.client.api.engines.add({ address: tls.address })).rejects.toMatchObject({
      code: 'invalid_input',
      message: /TLS|certificate/,
    });
    const added = await h.client.api.engines.add({
      name: 'tls-box',
      address: tls.address,
      tls: { ca: tls.ca, cert: tls.cert, key: tls.key },
    });
    const connected = await stateOf(h, added.id, 'connected');
    expect(connected.endpoint).toBe(tls.address);
    const created = await h.client.api.sessions.create({ name: 'over-tls', engineId: added.id });
    const session = await h.waitForStatus(created.id, 'running', 600_000);
    // A shell that answers (openShell waits for its output).
    expect((await openShell(h, session.id)).pid).toMatch(/^\d+$/);
    await h.client.api.sessions.delete({ id: session.id });
  });
});

describe('SSH transports and their limits', () => {
  const fixtures: SshEngineFixture[] = [];
  let h: HostHarness;

  beforeAll(async () => {
    h = await startHost({ engineRetryMs: { remote: 200 }, sshKeepaliveMs: 500 });
  });

  afterAll(async () => {
    await h?.close();
    for (const fixture of fixtures) await fixture.close();
  });

  async function addTrusted(ssh: SshEngineFixture, extra: { socketPath?: string } = {}) {
    const added = await h.client.api.engines.add({
      address: ssh.address,
      identityFile: ssh.identityFile,
      ...extra,
    });
    await stateOf(h, added.id, 'host_key_unknown');
    await h.client.api.engines.trustHostKey({
      engineId: added.id,
      fingerprint: ssh.hostKey.fingerprint,
    });
    return added.id;
  }

  it('carries 20 parallel API calls over one connection whatever sshd MaxSessions is', async () => {
    const ssh = await startSshEngine({ maxSessions: 2 });
    fixtures.push(ssh);
    const engineId = await addTrusted(ssh);
    await stateOf(h, engineId, 'connected');
    const engine = (await h.client.api.engines.list({})).engines.find((e) => e.id === engineId);
    expect(engine?.state).toBe('connected');
    // shared() lists containers on every connected engine: 20 at once, all over SSH channels.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => h.client.api.sessions.shared({ engineId })),
    );
    expect(answers).toHaveLength(20);
  });

  it('falls back to docker system dial-stdio where stream-local forwarding is off', async () => {
    const ssh = await startSshEngine({ allowStreamLocalForwarding: false });
    fixtures.push(ssh);
    const engineId = await addTrusted(ssh);
    const connected = await stateOf(h, engineId, 'connected');
    expect(connected.version).toMatch(/^\d+\.\d+/);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => h.client.api.sessions.shared({ engineId })),
    );
    expect(answers).toHaveLength(12);
  });

  it('works with a key restricted to docker system dial-stdio (a forced command)', async () => {
    const ssh = await startSshEngine({
      forcedCommand: 'docker system dial-stdio',
      allowStreamLocalForwarding: false,
    });
    fixtures.push(ssh);
    const engineId = await addTrusted(ssh);
    const connected = await stateOf(h, engineId, 'connected');
    expect(connected.version).toMatch(/^\d+\.\d+/);
    expect(await h.client.api.sessions.shared({ engineId })).toBeInstanceOf(Array);
  });

  it('notices a host gone silent (no reset, no close), reconnects once it answers, and takes its shell back', async () => {
    const ssh = await startSshEngine();
    fixtures.push(ssh);
    const engineId = await addTrusted(ssh);
    await stateOf(h, engineId, 'connected');
    const created = await h.client.api.sessions.create({ name: 'silent', engineId });
    const session = await h.waitForStatus(created.id, 'running', 600_000);
    const shell = await openShell(h, session.id);
    ssh.freeze();
    try {
      // The TCP connection stays open and quiet: only keepalives (and pings) can tell.
      const lost = await within(
        'the engine to stop showing connected',
        async () => {
          const status = await h.client.api.engines.status({ engineId });
          return status.state === 'connected' ? undefined : status;
        },
        30_000,
      );
      expect(['connecting', 'unreachable']).toContain(lost.state);
    } finally {
      ssh.thaw();
    }
    await stateOf(h, engineId, 'connected');
    await h.waitForStatus(session.id, 'running', 60_000);
    // The shell never saw its input end (the host was silent, not gone): it is taken over all
    // the same, the same shell in the same tab.
    await expectSameShell(h, shell);
    await h.client.api.sessions.delete({ id: session.id });
  });

  it('says Docker is not running there when its socket is missing', async () => {
    const ssh = await startSshEngine();
    fixtures.push(ssh);
    const engineId = await addTrusted(ssh, { socketPath: '/run/no-docker-here.sock' });
    const down = await stateOf(h, engineId, 'docker_unavailable');
    expect(down.message).toMatch(/Docker is not running there/);
    expect(down.hint).toMatch(/systemctl start docker/);
  });
});
