import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../shared/contract';
import { startHost, type HostHarness } from '../../testing/hostHarness';
import { sandboxSh } from '../../testing/sandboxShell';
import {
  callTool,
  say,
  startScriptedModel,
  type ScriptedModelServer,
  makeDefaultModel,
} from '../../testing/scriptedModel';
import { within } from '../../testing/within';

// Two workbenches with their own data directories on one engine (the shared host): the second
// finds the first's session, attaches read-only, follows its activity and opens its own terminal.

describe('teammates on one engine', () => {
  let model: ScriptedModelServer;
  let alice: HostHarness;
  let bob: HostHarness;
  let sessionId: string;
  let containerId: string;

  beforeAll(async () => {
    model = await startScriptedModel();
    alice = await startHost();
    bob = await startHost();
    await alice.client.api.settings.setGitIdentity({ name: 'Alice', email: 'alice@example.com' });
    await bob.client.api.settings.setGitIdentity({ name: 'Bob', email: 'bob@example.com' });
    await makeDefaultModel(alice.client.api, model);
    const created = await alice.client.api.sessions.create({ name: 'team-feature' });
    sessionId = created.id;
    containerId = (await alice.waitForStatus(sessionId, 'running')).containerId!;
  });

  afterAll(async () => {
    await alice?.client.api.sessions.delete({ id: sessionId }).catch(() => undefined);
    await bob?.close();
    await alice?.close();
    await model?.close();
  });

  it("lists the teammate's session with its owner, not one's own", async () => {
    const seen = await within(
      "Alice's session in Bob's list",
      async () => {
        const shared = await bob.client.api.sessions.shared({});
        return shared.find((s) => s.sessionId === sessionId);
      },
      10_000,
    );
    expect(seen).toMatchObject({
      engineId: 'local',
      name: 'team-feature',
      owner: { name: 'Alice' },
      status: 'running',
      attached: false,
    });
    const own = await alice.client.api.sessions.shared({});
    expect(own.find((s) => s.sessionId === sessionId)).toBeUndefined();
  });

  it('keeps a copy of the activity log the sandbox user cannot write', async () => {
    model.push(say('Hello from the agent.'));
    await alice.client.api.agent.send({ sessionId, text: 'Say hello' });
    await within(
      'the copy to hold the reply',
      async () => {
        const text = await sandboxSh(containerId, 'cat /var/lib/berth/activity.jsonl');
        return text.includes('Hello from the agent.') ? text : undefined;
      },
      15_000,
    );
    const attempt = await sandboxSh(
      containerId,
      '{ echo forged >> /var/lib/berth/activity.jsonl; } 2>&1; echo "exit=$?"; stat -c "%U %a" /var/lib/berth/activity.jsonl',
    );
    expect(attempt).toMatch(/Permission denied/);
    expect(attempt).toMatch(/exit=1/);
    expect(attempt).toContain('root 644');
  });

  it('attaches read-only: the activity live, a terminal of its own, no messages to the agent', async () => {
    const attached = await bob.client.api.sessions.attach({ engineId: 'local', sessionId });
    expect(attached).toMatchObject({
      id: sessionId,
      status: 'running',
      teammate: { name: 'Alice' },
    });
    expect((await bob.client.api.sessions.shared({}))[0]?.attached).toBe(true);

    // What happened before the attach is there…
    const before = await within(
      'the earlier activity in Bob\u2019s workbench',
      async () => {
        const page = await bob.client.api.agent.activity({ sessionId });
        return page.events.some((e) => JSON.stringify(e.data).includes('Hello from the agent.'))
          ? page.events
          : undefined;
      },
      15_000,
    );
    expect(before.length).toBeGreaterThan(1);

    // …and what happens next arrives live.
    const live: ActivityEvent[] = [];
    const off = bob.host.events.on('agent.activity', (event) => {
      if (event.sessionId === sessionId) live.push(event);
    });
    model.push(
      callTool('run_command', { command: 'echo built-by-alice > note.txt' }),
      say('Wrote the note.'),
    );
    await alice.client.api.agent.send({ sessionId, text: 'Write a note' });
    await within(
      'the new reply to arrive live',
      async () =>
        live.some((e) => JSON.stringify(e.data).includes('Wrote the note.')) ? true : undefined,
      20_000,
    );
    off();
    const aliceLog = (await alice.client.api.agent.activity({ sessionId })).events;
    const bobLog = (await bob.client.api.agent.activity({ sessionId })).events;
    expect(bobLog.map((e) => [e.seq, e.kind])).toEqual(aliceLog.map((e) => [e.seq, e.kind]));

    await expect(
      bob.client.api.agent.send({ sessionId, text: 'Bob wants in' }),
    ).rejects.toMatchObject({ code: 'permission_denied', message: /Alice/ });

    const terminal = await bob.client.api.terminals.open({ sessionId, cols: 80, rows: 24 });
    let text = '';
    const offOut = bob.host.events.on('terminals.output', (o) => {
      if (o.id === terminal.id) text += o.data;
    });
    await bob.client.api.terminals.write({ id: terminal.id, data: 'cat /workspace/note.txt\r' });
    await within(
      'the note in Bob\u2019s terminal',
      async () => (text.includes('built-by-alice') ? true : undefined),
      15_000,
    );
    offOut();
    // Alice's own tabs are hers: Bob's terminal is not among them.
    expect(await alice.client.api.terminals.list({ sessionId })).toEqual([]);
  });

  it('stops or deletes a teammate\u2019s session only with the owner named', async () => {
    await expect(bob.client.api.sessions.stop({ id: sessionId })).rejects.toMatchObject({
      code: 'permission_denied',
      message: /Alice/,
    });
    await expect(
      bob.client.api.sessions.delete({ id: sessionId, confirmOwner: 'Mallory' }),
    ).rejects.toMatchObject({ code: 'permission_denied' });
    expect((await alice.client.api.sessions.get({ id: sessionId })).status).toBe('running');
  });

  it("drops the teammate's session from the list when the owner deletes it", async () => {
    await alice.client.api.sessions.delete({ id: sessionId });
    await within(
      'the deleted session to leave Bob\u2019s workbench',
      async () => {
        const shared = await bob.client.api.sessions.shared({});
        const mine = await bob.client.api.sessions.list({});
        return shared.some((s) => s.sessionId === sessionId) || mine.some((s) => s.id === sessionId)
          ? undefined
          : true;
      },
      15_000,
    );
  });
});
