import { calcRepoFiles } from '../../testing/calcRepo';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEvent, AgentState, AgentStatus } from '../../../shared/contract';
import { startHost, type HostHarness } from '../../testing/hostHarness';
import { makeRepo, removeTempRepos } from '../../testing/repoFactory';
import { sandboxSh } from '../../testing/sandboxShell';
import {
  callTool,
  callToolRaw,
  say,
  startScriptedModel,
  type ScriptedModelServer,
  makeDefaultModel,
} from '../../testing/scriptedModel';

// The agent loop against the real engine, real git, real SQLite and the scripted model server
// speaking the OpenAI-compatible protocol through the real provider package.
let h: HostHarness;
let model: ScriptedModelServer;
let sessionId: string;
let containerId: string;

async function waitFor(statuses: AgentStatus[], timeoutMs = 60_000): Promise<AgentState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await h.client.api.agent.state({ sessionId });
    if (statuses.includes(state.status)) return state;
    if (Date.now() > deadline) {
      throw new Error(
        `agent is ${state.status} (${state.statusDetail ?? ''}), not ${statuses.join('/')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The log since `from` (a sequence number), oldest first. */
async function logSince(from: number): Promise<ActivityEvent[]> {
  const { events } = await h.client.api.agent.activity({ sessionId, limit: 2000 });
  return events.filter((e) => e.seq > from);
}

const lastSeq = async () => (await h.client.api.agent.state({ sessionId })).lastSeq;

beforeAll(async () => {
  model = await startScriptedModel();
  h = await startHost({ agentRetryDelaysMs: [10, 20, 40] });
  const repo = await makeRepo({
    files: calcRepoFiles,
  });
  const project = await h.client.api.projects.create({
    name: 'Calc',
    repositories: [{ source: { kind: 'path', path: repo.dir } }],
  });
  await makeDefaultModel(h.client.api, model);
  const session = await h.client.api.sessions.create({ name: 'Agent loop', projectId: project.id });
  sessionId = session.id;
  containerId = (await h.waitForStatus(sessionId, 'running')).containerId!;
});

afterAll(async () => {
  if (sessionId) await h?.client.api.sessions.delete({ id: sessionId }).catch(() => {});
  await h?.close();
  await model?.close();
  await removeTempRepos();
});

beforeEach(() => {
  model.expectDone();
});

describe('the agent loop in a real sandbox', () => {
  it('reads, edits, runs the tests until they pass, asks, and finishes with a summary', async () => {
    const from = await lastSeq();
    model.push(
      (request) => {
        expect(request.toolNames).toEqual(
          expect.arrayContaining(['read_file', 'edit', 'run_command', 'ask_user', 'finish']),
        );
        expect(request.instructions).toContain('python3 -m unittest');
        return callTool('read_file', { path: 'calc.py' }, { text: 'Let me look at calc.py.' });
      },
      callTool('edit', { path: 'calc.py', old_string: 'a - b', new_string: 'a * b' }),
      callTool('run_command', { command: 'python3 -m unittest -q' }),
      (request) => {
        expect(JSON.stringify(request.messages)).toContain('FAILED');
        return callTool('edit', { path: 'calc.py', old_string: 'a * b', new_string: 'a + b' });
      },
      callTool('run_command', { command: 'python3 -m unittest -q' }),
      callTool('ask_user', {
        questions: [
          {
            question: 'Add a test for negative numbers too?',
            options: [{ label: 'Yes' }, { label: 'No' }],
          },
        ],
      }),
      (request) => {
        expect(JSON.stringify(request.messages)).toContain('No, thanks');
        return callTool('finish', {
          summary: 'Fixed add() to add; the tests pass.',
          outcome: 'done',
        });
      },
    );
    await h.client.api.agent.send({ sessionId, text: 'Fix add() in calc.py.' });
    const asking = await waitFor(['awaiting_answer']);
    expect(asking.pending).toMatchObject([
      { kind: 'question', questions: [{ question: 'Add a test for negative numbers too?' }] },
    ]);
    await h.client.api.agent.answer({
      sessionId,
      toolCallId: asking.pending[0]!.toolCallId,
      answers: ['No, thanks'],
    });
    const done = await waitFor(['finished']);
    expect(done.touchedFiles).toEqual(['calc.py']);
    expect(await sandboxSh(containerId, 'cat /workspace/repo/calc.py')).toBe(
      'def add(a, b):\n    return a + b',
    );
    const log = await logSince(from);
    const results = log.filter((e) => e.kind === 'tool.result').map((e) => e.data);
    expect(results.map((r) => [r.tool, r.status])).toEqual([
      ['read_file', 'ok'],
      ['edit', 'ok'],
      ['run_command', 'ok'],
      ['edit', 'ok'],
      ['run_command', 'ok'],
      ['ask_user', 'ok'],
      ['finish', 'ok'],
    ]);
    const commands = results.flatMap((r) =>
      r.detail?.type === 'command' ? [r.detail.exitCode] : [],
    );
    expect(commands).toEqual([1, 0]);
    expect(log.map((e) => e.kind)).toEqual(
      expect.arrayContaining([
        'user.message',
        'turn.started',
        'instructions',
        'question.asked',
        'question.answered',
        'file.changed',
        'turn.finished',
      ]),
    );
    expect(log.at(-1)).toMatchObject({
      kind: 'turn.finished',
      data: { status: 'finished', summary: 'Fixed add() to add; the tests pass.', outcome: 'done' },
    });
    model.expectDone();
  });

  it('Stop during a long command kills it in the sandbox and ends the turn', async () => {
    const from = await lastSeq();
    model.push(callTool('run_command', { command: 'sleep 600' }));
    await h.client.api.agent.send({ sessionId, text: 'Wait a long time.' });
    const deadline = Date.now() + 30_000;
    while (!(await sandboxSh(containerId, 'pgrep -fa "sleep 600" || true')).includes('sleep 600')) {
      if (Date.now() > deadline) throw new Error('sleep 600 never started');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stopped = await h.client.api.agent.stop({ sessionId });
    expect(stopped.status).toBe('stopped');
    expect(await sandboxSh(containerId, 'ps -eo args | grep -c "^sleep 600" || true')).toBe('0');
    const log = await logSince(from);
    expect(log.find((e) => e.kind === 'tool.result')?.data).toMatchObject({
      tool: 'run_command',
      status: 'stopped',
    });
    expect(log.at(-1)).toMatchObject({
      kind: 'turn.finished',
      data: { status: 'stopped', summary: 'stopped by the user' },
    });
  });

  it('ends a turn at the step limit and at the token budget, each with its reason', async () => {
    await h.client.api.agent.configure({
      sessionId,
      limits: { maxSteps: 2, maxMinutes: 60, maxTokens: 1_000_000 },
    });
    model.push(
      callTool('update_plan', { plan: [{ step: 'Look around', status: 'in_progress' }] }),
      callTool('list_files', { pattern: '*.py' }),
    );
    await h.client.api.agent.send({ sessionId, text: 'Plan it.' });
    const limited = await waitFor(['limit']);
    expect(limited.statusDetail).toContain('step limit of 2 reached');
    expect(limited.plan).toEqual([{ step: 'Look around', status: 'in_progress' }]);

    await h.client.api.agent.configure({
      sessionId,
      limits: { maxSteps: 150, maxMinutes: 60, maxTokens: 1000 },
    });
    model.push(callTool('list_files', { pattern: '*.py' }, { usage: { input: 900, output: 200 } }));
    const from = await lastSeq();
    await h.client.api.agent.continue({ sessionId });
    const spent = await waitFor(['limit']);
    expect(spent.statusDetail).toContain('token budget of 1,000 reached');
    expect((await logSince(from)).find((e) => e.kind === 'limit.reached')?.data).toMatchObject({
      limit: 'tokens',
    });
    await h.client.api.agent.configure({
      sessionId,
      limits: { maxSteps: 150, maxMinutes: 60, maxTokens: 2_000_000 },
    });
  });

  it('detects the same call giving the same result again and again', async () => {
    for (let i = 0; i < 4; i++) model.push(callTool('read_file', { path: 'calc.py' }));
    await h.client.api.agent.send({ sessionId, text: 'Read it.' });
    const stuck = await waitFor(['stuck']);
    expect(stuck.statusDetail).toContain('same result 4 times');
  });

  it('nudges after the same error three times and stops at the fourth', async () => {
    const from = await lastSeq();
    for (let i = 0; i < 4; i++) model.push(callTool('read_file', { path: 'missing.py' }));
    await h.client.api.agent.send({ sessionId, text: 'Read missing.py.' });
    const stuck = await waitFor(['stuck']);
    expect(stuck.statusDetail).toContain('failed the same way');
    expect((await logSince(from)).filter((e) => e.kind === 'nudge')).toHaveLength(1);
  });

  it('sends malformed tool calls back to the model as errors', async () => {
    model.push(
      callToolRaw('read_file', '{"path": "calc.py"'),
      callTool('delete_everything', { now: true }),
      callTool('read_file', { path: 42 }),
      (request) => {
        const sent = JSON.stringify(request.messages);
        expect(sent).toContain('Invalid call to read_file');
        expect(sent).toContain('delete_everything');
        return say('I will call the tools properly.');
      },
    );
    await h.client.api.agent.send({ sessionId, text: 'Go.' });
    const done = await waitFor(['finished']);
    expect(done.status).toBe('finished');
    model.expectDone();
  });

  it('retries a dropped connection, then gives a clear error when it keeps failing', async () => {
    const from = await lastSeq();
    model.push({ text: 'Half', dropConnection: true }, say('Back again.'));
    await h.client.api.agent.send({ sessionId, text: 'Hello?' });
    await waitFor(['finished']);
    const log = await logSince(from);
    expect(log.filter((e) => e.kind === 'retry')).toHaveLength(1);
    expect(log.filter((e) => e.kind === 'model.text').map((e) => e.data)).toEqual([
      { text: 'Back again.' },
    ]);

    for (let i = 0; i < 4; i++) model.push({ errorMidStream: 'Overloaded' });
    await h.client.api.agent.send({ sessionId, text: 'And again?' });
    const failed = await waitFor(['error']);
    expect(failed.statusDetail).toMatch(
      /The model provider failed: .*Overloaded.*Settings → Models/,
    );
  });

  it('asks before commands in "ask" mode; Approve always allows exactly that command', async () => {
    await h.client.api.agent.configure({ sessionId, mode: 'ask' });
    model.push(
      callTool('run_command', { command: 'touch approved.txt' }),
      callTool('run_command', { command: 'touch approved.txt' }),
      callTool('run_command', { command: 'touch approved.txt && rm -f calc.py' }),
    );
    await h.client.api.agent.send({ sessionId, text: 'Touch it twice.' });
    const first = await waitFor(['awaiting_approval']);
    expect(first.pending).toMatchObject([
      { kind: 'approval', subject: 'touch approved.txt', cwd: '/workspace/repo' },
    ]);
    await h.client.api.agent.approve({
      sessionId,
      toolCallId: first.pending[0]!.toolCallId,
      decision: 'always',
    });
    // The same command again runs without asking; a compound one that contains it asks.
    const third = await waitFor(['awaiting_approval']);
    expect(third.pending).toMatchObject([{ subject: 'touch approved.txt && rm -f calc.py' }]);
    expect(third.rules).toMatchObject([{ pattern: 'touch approved.txt', decision: 'allow' }]);
    model.push((request) => {
      expect(JSON.stringify(request.messages)).toContain('not while I watch');
      return say('Understood, I will not delete it.');
    });
    await h.client.api.agent.approve({
      sessionId,
      toolCallId: third.pending[0]!.toolCallId,
      decision: 'deny',
      reason: 'not while I watch',
    });
    await waitFor(['finished']);
    expect(await sandboxSh(containerId, 'ls /workspace/repo')).toContain('calc.py');
    await h.client.api.agent.configure({ sessionId, mode: 'auto' });
  });

  it('drafts the pull request from the session: the model writes it, uncommitted files are listed', async () => {
    model.push((request) => {
      expect(request.lastUserText).toContain('Fix add() in calc.py.');
      expect(request.lastUserText).toContain('python3 -m unittest -q → exit 0');
      return say(
        'Fix add() to add its arguments\n\n## What changed and why\nadd() subtracted.\n\n## How it was tested\n`python3 -m unittest` passes.',
      );
    });
    const draft = await h.client.api.repositories.pullRequestDraft({
      sessionId,
      repository: 'repo',
    });
    expect(draft).toMatchObject({
      title: 'Fix add() to add its arguments',
      draftedBy: 'agent',
      base: 'main',
    });
    expect(draft.body).toContain('## How it was tested');
    expect(draft.uncommitted).toContain('calc.py');
  });

  it('carries pending review comments with the next message, queued or not, and marks them sent', async () => {
    const comment = await h.client.api.reviews.addComment({
      sessionId,
      repository: 'repo',
      path: 'calc.py',
      side: 'work',
      startLine: 2,
      endLine: 2,
      body: 'Name the sum.',
    });
    const from = await lastSeq();
    model.push((request) => {
      expect(request.lastUserText).toContain('File: calc.py (repository repo');
      expect(request.lastUserText).toContain('2 |     return a + b');
      expect(request.lastUserText).toContain('Name the sum.');
      return say('Noted.');
    });
    // Comments alone make a message.
    await h.client.api.agent.send({ sessionId, text: '' });
    await waitFor(['finished', 'idle']);
    const sent = (await logSince(from)).find((e) => e.kind === 'user.message');
    expect(sent?.data).toMatchObject({ text: '', review: { comments: 1, files: 1 } });
    const [after] = await h.client.api.reviews.comments({ sessionId });
    expect(after).toMatchObject({ id: comment.id, state: 'sent' });
    await expect(h.client.api.agent.send({ sessionId, text: '' })).rejects.toMatchObject({
      code: 'invalid_input',
    });

    // A queued message holds its comments; taken off the queue, they are pending again.
    model.push(say('Working on it.', { delayMs: 1500 }));
    await h.client.api.agent.send({ sessionId, text: 'Slow one.' });
    await waitFor(['running']);
    const second = await h.client.api.reviews.addComment({
      sessionId,
      repository: 'repo',
      path: 'calc.py',
      side: 'work',
      startLine: 1,
      endLine: 1,
      body: 'Type hints?',
    });
    const queued = await h.client.api.agent.send({ sessionId, text: 'And this.' });
    expect(queued.queued).toHaveLength(1);
    const pendingAfterQueue = await h.client.api.reviews.comments({ sessionId });
    expect(pendingAfterQueue.find((c) => c.id === second.id)?.state).toBe('sent');
    await h.client.api.agent.unqueue({ sessionId, id: queued.queued[0]!.id });
    const restored = await h.client.api.reviews.comments({ sessionId });
    expect(restored.find((c) => c.id === second.id)?.state).toBe('pending');
    await waitFor(['finished', 'idle']);
    await h.client.api.reviews.deleteComment({ sessionId, id: second.id });
  });
});
