import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type HostHarness } from '../../testing/hostHarness';
import { sandboxSh } from '../../testing/sandboxShell';
import {
  callTool,
  say,
  startScriptedModel,
  type ScriptedModelServer,
  makeDefaultModel,
} from '../../testing/scriptedModel';
import { startSshEngine, type SshEngineFixture } from '../../testing/sshEngine';
import { within } from '../../testing/within';

// The agent on a remote engine whose SSH link drops while a command runs: the call is reported
// to the model as interrupted (its side effects unknown), the turn waits, and nothing is run
// again by itself when the link is back.
describe('the agent when the link to its engine drops mid-call', () => {
  let model: ScriptedModelServer;
  let ssh: SshEngineFixture;
  let h: HostHarness;
  let sessionId: string;
  let containerId: string;

  beforeAll(async () => {
    model = await startScriptedModel();
    ssh = await startSshEngine();
    h = await startHost({ engineRetryMs: { remote: 200 } });
    const added = await h.client.api.engines.add({
      address: ssh.address,
      identityFile: ssh.identityFile,
    });
    await within('the host key to be asked about', async () => {
      const s = await h.client.api.engines.status({ engineId: added.id });
      return s.state === 'host_key_unknown' ? s : undefined;
    });
    await h.client.api.engines.trustHostKey({
      engineId: added.id,
      fingerprint: ssh.hostKey.fingerprint,
    });
    await makeDefaultModel(h.client.api, model);
    const created = await within(
      'the engine to connect',
      async () => {
        const s = await h.client.api.engines.status({ engineId: added.id });
        return s.state === 'connected'
          ? h.client.api.sessions.create({ name: 'agent over ssh', engineId: added.id })
          : undefined;
      },
      30_000,
    );
    sessionId = created.id;
    containerId = (await h.waitForStatus(sessionId, 'running')).containerId!;
  });

  afterAll(async () => {
    await h?.client.api.sessions.delete({ id: sessionId }).catch(() => undefined);
    await h?.close();
    await ssh?.close();
    await model?.close();
  });

  it('reports the cut call as interrupted, ends the turn, and runs nothing again', async () => {
    model.push(callTool('run_command', { command: 'echo ran >> /tmp/runs; sleep 20; echo done' }));
    await h.client.api.agent.send({ sessionId, text: 'Run the slow thing' });
    // The command is running in the sandbox.
    await within(
      'the command to start',
      async () =>
        (await sandboxSh(containerId, 'cat /tmp/runs 2>/dev/null')) === 'ran' ? true : undefined,
      10_000,
    );
    await ssh.kill();
    const state = await within(
      'the turn to end as interrupted',
      async () => {
        const s = await h.client.api.agent.state({ sessionId });
        return s.status === 'interrupted' ? s : undefined;
      },
      40_000,
    );
    expect(state.statusDetail).toMatch(/connection to the Docker engine was lost/);
    const events = (await h.client.api.agent.activity({ sessionId })).events;
    const result = events.find((e) => e.kind === 'tool.result');
    expect(result?.data).toMatchObject({ status: 'interrupted' });
    expect(JSON.stringify(result?.data)).toMatch(/side effects are unknown/);

    await ssh.start();
    await h.waitForStatus(sessionId, 'running', 60_000);
    // Back, and still interrupted: nothing was run again or sent to the model by itself.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await h.client.api.agent.state({ sessionId })).status).toBe('interrupted');
    expect(await sandboxSh(containerId, 'cat /tmp/runs')).toBe('ran');

    // Continue: the model hears the call was interrupted, and goes on.
    model.push((request) => {
      expect(JSON.stringify(request.messages)).toMatch(/interrupted: the connection/);
      return say('I will check what happened before going on.');
    });
    await h.client.api.agent.continue({ sessionId });
    await within(
      'the turn to finish',
      async () => {
        const s = await h.client.api.agent.state({ sessionId });
        return s.status === 'finished' ? s : undefined;
      },
      30_000,
    );
    expect(await sandboxSh(containerId, 'cat /tmp/runs')).toBe('ran');
  });
});
