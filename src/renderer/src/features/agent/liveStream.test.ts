import { describe, expect, it } from 'vitest';
import { LiveStream } from './liveStream';
import { eventMaker } from './testEvents';

function manual() {
  const queue: (() => void)[] = [];
  const stream = new LiveStream((flush) => queue.push(flush));
  const frame = () => queue.splice(0).forEach((f) => f());
  return { stream, frame, queued: () => queue.length };
}

describe('LiveStream', () => {
  it('publishes deltas once a frame', () => {
    const { stream, frame, queued } = manual();
    let published = 0;
    stream.subscribe(() => (published += 1));
    stream.delta({ sessionId: 's1', turn: 1, kind: 'text', text: 'Hel' });
    stream.delta({ sessionId: 's1', turn: 1, kind: 'text', text: 'lo' });
    stream.delta({ sessionId: 's1', turn: 1, kind: 'reasoning', text: 'hmm' });
    expect(queued()).toBe(1);
    expect(stream.snapshot().text).toBe('');
    frame();
    expect(published).toBe(1);
    expect(stream.snapshot()).toMatchObject({ turn: 1, text: 'Hello', reasoning: 'hmm' });
  });

  it('lets the logged text replace the live text, and a new turn start afresh', () => {
    const { stream, frame } = manual();
    const e = eventMaker();
    stream.delta({ sessionId: 's1', turn: 1, kind: 'text', text: 'Hello' });
    stream.activity(e('model.text', { text: 'Hello' }));
    frame();
    expect(stream.snapshot().text).toBe('');
    stream.delta({ sessionId: 's1', turn: 1, kind: 'text', text: 'old' });
    stream.delta({ sessionId: 's1', turn: 2, kind: 'text', text: 'new' });
    frame();
    expect(stream.snapshot()).toMatchObject({ turn: 2, text: 'new' });
  });

  it('keeps the output of running commands until their result, the tail of long ones', () => {
    const { stream, frame } = manual();
    const e = eventMaker();
    stream.output({ sessionId: 's1', toolCallId: 't1', text: 'a\n' });
    stream.output({ sessionId: 's1', toolCallId: 't1', text: 'b\n' });
    stream.output({ sessionId: 's1', toolCallId: 't2', text: 'x'.repeat(70_000) + 'END' });
    frame();
    expect(stream.snapshot().outputs.get('t1')).toBe('a\nb\n');
    expect(stream.snapshot().outputs.get('t2')).toHaveLength(64 * 1024);
    expect(stream.snapshot().outputs.get('t2')?.endsWith('END')).toBe(true);
    stream.activity(
      e('tool.result', {
        toolCallId: 't1',
        tool: 'run_command',
        status: 'ok',
        summary: '',
        durationMs: 1,
      }),
    );
    stream.activity(e('turn.finished', { status: 'finished' }));
    frame();
    expect(stream.snapshot().outputs.size).toBe(0);
  });

  it("keeps a running command's output when the text of a new turn starts", () => {
    const { stream, frame } = manual();
    stream.output({ sessionId: 's1', toolCallId: 't1', text: 'spec 1\n' });
    stream.delta({ sessionId: 's1', turn: 3, kind: 'text', text: 'Looking' });
    frame();
    expect(stream.snapshot()).toMatchObject({ turn: 3, text: 'Looking' });
    expect(stream.snapshot().outputs.get('t1')).toBe('spec 1\n');
  });

  it('does not publish when nothing changed', () => {
    const { stream, frame } = manual();
    let published = 0;
    stream.subscribe(() => (published += 1));
    const e = eventMaker();
    stream.activity(e('model.text', { text: 'x' }));
    frame();
    expect(published).toBe(0);
  });
});
