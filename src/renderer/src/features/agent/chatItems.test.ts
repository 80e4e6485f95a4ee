import { describe, expect, it } from 'vitest';
import { chatItems, compact, stopped } from './chatItems';
import { eventMaker } from './testEvents';

const model = { providerId: 'p', modelId: 'm' };

describe('chatItems', () => {
  it('turns a message, reasoning, text and a finished turn into rows in order', () => {
    const e = eventMaker();
    const items = chatItems([
      e('user.message', {
        text: 'fix the test',
        attachments: [{ name: 'a.log', mimeType: 'text/plain', bytes: 10 }],
      }),
      e('turn.started', { trigger: 'message', model, reasoning: 'none' }),
      e('model.reasoning', { text: 'look at it' }),
      e('model.text', { text: 'On it.' }),
      e('usage', { inputTokens: 10, outputTokens: 2, step: 1 }),
      e('turn.finished', { status: 'finished', summary: 'Fixed **it**.', outcome: 'done' }),
    ]);
    expect(items.map((i) => i.type)).toEqual(['user', 'reasoning', 'text', 'finished']);
    expect(items[0]).toMatchObject({ text: 'fix the test', attachments: [{ name: 'a.log' }] });
    expect(items[3]).toMatchObject({ summary: 'Fixed **it**.', outcome: 'done' });
  });

  it('keeps the review a message carried, for the note under it', () => {
    const e = eventMaker();
    const items = chatItems([
      e('user.message', { text: '', attachments: [], review: { comments: 3, files: 2 } }),
    ]);
    expect(items[0]).toMatchObject({ type: 'user', text: '', review: { comments: 3, files: 2 } });
  });

  it('folds a tool call, its start and its result into one row keyed by toolCallId', () => {
    const e = eventMaker();
    const call = e('tool.call', {
      toolCallId: 't1',
      tool: 'run_command',
      input: { command: 'npm test' },
    });
    const started = e('tool.started', { toolCallId: 't1', tool: 'run_command' });
    const text = e('model.text', { text: 'meanwhile' });
    const result = e('tool.result', {
      toolCallId: 't1',
      tool: 'run_command',
      status: 'ok',
      summary: 'exit 0 in 1.2 s',
      durationMs: 1200,
      detail: {
        type: 'command',
        command: 'npm test',
        cwd: '/workspace/app',
        exitCode: 0,
        timedOut: false,
        output: 'ok\n',
        truncated: false,
      },
    });
    expect(chatItems([call])[0]).toMatchObject({ type: 'tool', state: 'waiting' });
    expect(chatItems([call, started])[0]).toMatchObject({ state: 'running' });
    const items = chatItems([call, started, text, result]);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      type: 'tool',
      key: 'tool:t1',
      tool: 'run_command',
      input: { command: 'npm test' },
      state: 'ok',
      result: { durationMs: 1200 },
    });
    // The key does not change as the call runs and ends: its measured height stays valid.
    expect(chatItems([call])[0]?.key).toBe(items[0]?.key);
  });

  it('shows a result whose call is on an earlier page', () => {
    const e = eventMaker();
    const items = chatItems([
      e('tool.result', {
        toolCallId: 't9',
        tool: 'read_file',
        status: 'error',
        summary: 'no such file',
        durationMs: 3,
      }),
    ]);
    expect(items).toEqual([
      expect.objectContaining({
        type: 'tool',
        tool: 'read_file',
        state: 'error',
        input: undefined,
      }),
    ]);
  });

  it('hides the tool rows of ask_user, update_plan and finish unless they failed', () => {
    const e = eventMaker();
    const items = chatItems([
      e('tool.call', { toolCallId: 'q', tool: 'ask_user', input: {} }),
      e('question.asked', {
        kind: 'question',
        toolCallId: 'q',
        requestedAt: '',
        questions: [{ question: 'Which?', options: [{ label: 'A' }, { label: 'B' }] }],
      }),
      e('question.answered', { toolCallId: 'q', answers: [{ question: 'Which?', answer: 'A' }] }),
      e('tool.call', { toolCallId: 'p', tool: 'update_plan', input: {} }),
      e('plan.updated', { plan: [{ step: 'read', status: 'completed' }] }),
      e('tool.call', { toolCallId: 'f', tool: 'finish', input: {} }),
      e('tool.result', {
        toolCallId: 'f',
        tool: 'finish',
        status: 'error',
        summary: 'summary missing',
        durationMs: 0,
      }),
    ]);
    expect(items.map((i) => i.type)).toEqual(['question', 'plan', 'tool']);
    expect(items[0]).toMatchObject({ answers: [{ answer: 'A' }] });
  });

  it('pairs an approval with its resolution', () => {
    const e = eventMaker();
    const request = {
      kind: 'approval' as const,
      toolCallId: 't2',
      tool: 'run_command' as const,
      subject: 'rm -rf build',
      cwd: '/workspace/app',
      reason: 'rm is not known to be safe',
      requestedAt: '',
    };
    const items = chatItems([
      e('tool.call', { toolCallId: 't2', tool: 'run_command', input: { command: 'rm -rf build' } }),
      e('approval.requested', request),
      e('approval.resolved', { toolCallId: 't2', decision: 'deny', reason: 'keep it' }),
      e('tool.result', {
        toolCallId: 't2',
        tool: 'run_command',
        status: 'denied',
        summary: 'denied: keep it',
        durationMs: 0,
      }),
    ]);
    expect(items.map((i) => i.type)).toEqual(['tool', 'approval']);
    expect(items[0]).toMatchObject({ state: 'denied' });
    expect(items[1]).toMatchObject({
      request,
      resolution: { decision: 'deny', reason: 'keep it' },
    });
  });

  it('says how a turn ended once: a limit, stuck, an error, a stop, an interruption', () => {
    const e = eventMaker();
    const items = chatItems([
      e('limit.reached', { limit: 'steps', detail: 'step limit of 150 reached' }, 1),
      e('turn.finished', { status: 'limit', summary: 'step limit of 150 reached' }, 1),
      e('turn.finished', { status: 'stopped' }, 2),
      e('error', { message: 'The model server did not answer.' }, 3),
      e('turn.finished', { status: 'error' }, 3),
      e('turn.finished', { status: 'interrupted', summary: 'Berth restarted' }, 4),
      e('stuck', { detail: 'the same command failed 3 times' }, 5),
      e('turn.finished', { status: 'stuck' }, 5),
      e('turn.finished', { status: 'limit', summary: 'Time limit of 60 minutes reached' }, 6),
    ]);
    expect(items.map((i) => (i.type === 'notice' ? [i.tone, i.text] : i.type))).toEqual([
      ['warning', 'Stopped: step limit of 150 reached'],
      ['warning', 'Stopped by the user.'],
      ['error', 'The model server did not answer.'],
      ['warning', 'Interrupted: Berth restarted'],
      ['warning', 'Stuck: the same command failed 3 times'],
      ['warning', 'Time limit of 60 minutes reached'],
    ]);
  });

  it('tells retries, compaction, continues and instructions in a line each', () => {
    const e = eventMaker();
    const items = chatItems([
      e('instructions', {
        files: [{ path: '/workspace/app/AGENTS.md', bytes: 100, truncated: false }],
        skills: [],
      }),
      e('retry', { attempt: 2, delayMs: 4000, message: 'rate limited' }),
      e('compaction', { messagesBefore: 120, messagesAfter: 20, tokensBefore: 150_000 }),
      e('turn.started', { trigger: 'continue', model, reasoning: 'none' }),
      e('file.changed', { path: 'a.ts', change: 'edited' }),
    ]);
    expect(items.map((i) => (i.type === 'notice' ? i.text : i.type))).toEqual([
      'Read 1 instructions file.',
      'Retrying (attempt 2) in 4 s: rate limited',
      'Compacted the conversation: 120 → 20 messages (150k tokens before).',
      'Continued.',
    ]);
  });

  it('skips empty model text and reasoning', () => {
    const e = eventMaker();
    expect(
      chatItems([e('model.text', { text: '  ' }), e('model.reasoning', { text: '' })]),
    ).toEqual([]);
  });
});

describe('small texts', () => {
  it('puts "Stopped:" before a limit once', () => {
    expect(stopped('step limit of 150 reached')).toBe('Stopped: step limit of 150 reached');
    expect(stopped('Stopped after 60 minutes')).toBe('Stopped after 60 minutes');
  });

  it('writes token counts short', () => {
    expect(compact(999)).toBe('999');
    expect(compact(1234)).toBe('1.2k');
    expect(compact(150_000)).toBe('150k');
    expect(compact(2_000_000)).toBe('2M');
  });
});
