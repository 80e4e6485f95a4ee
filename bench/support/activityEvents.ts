import type { NewActivity } from '../../src/main/storage/activityTable';
import { seededRandom } from './seededRandom';

/**
 * A made-up but realistic activity log, the same every run: turns of a user's message, about
 * twenty model steps (markdown text, a `run_command` call, its start and result with a few to
 * forty lines of output, usage) and the closing summary. Sizes follow real logs: most events
 * are a few hundred bytes, command results up to a few KB.
 */

export interface ActivityTurn {
  turn: number;
  events: NewActivity[];
}

const commands = [
  'npm test -- --run src/parser',
  'git status --short',
  'ls -la src/components',
  'grep -rn "TODO" src | head -20',
  'python3 -m pytest -q tests/test_api.py',
  'cargo build --release 2>&1 | tail -30',
  'cat package.json',
  'git diff --stat',
];

const words = (
  'the parser now keeps its state between chunks so a token cut at a boundary is read once ' +
  'and the tests cover the empty input the unicode escape and a stream that ends mid string'
).split(' ');

function sentence(next: () => number, length: number): string {
  const picked = Array.from({ length }, () => words[Math.floor(next() * words.length)]!);
  const text = picked.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** Model text as models write it: a paragraph, sometimes a list and a fenced code block. */
function markdown(next: () => number): string {
  const parts = [sentence(next, 12 + Math.floor(next() * 20))];
  if (next() < 0.4) {
    parts.push(
      Array.from({ length: 2 + Math.floor(next() * 3) }, () => `- ${sentence(next, 6)}`).join('\n'),
    );
  }
  if (next() < 0.25) {
    parts.push(
      '```ts\nexport function parse(input: string): Token[] {\n  return lex(input).filter(Boolean);\n}\n```',
    );
  }
  return parts.join('\n\n');
}

function output(next: () => number, command: string): string {
  const lines = 3 + Math.floor(next() * 38);
  return Array.from(
    { length: lines },
    (_, i) => `${command.split(' ')[0]}: ${i + 1} ${sentence(next, 4 + Math.floor(next() * 8))}`,
  ).join('\n');
}

const model = { providerId: 'bench-provider', modelId: 'bench-model' };

/** One turn of about `steps * 5 + 7` events; the summary ends with `summary`. */
function turnEvents(next: () => number, turn: number, steps: number, summary: string) {
  const events: NewActivity[] = [
    {
      kind: 'user.message',
      data: { text: `Turn ${turn}: ${sentence(next, 18)}`, attachments: [] },
    },
    { kind: 'turn.started', data: { trigger: 'message', model, reasoning: 'medium' } },
  ];
  for (let step = 1; step <= steps; step += 1) {
    const toolCallId = `call_${turn}_${step}`;
    const command = commands[Math.floor(next() * commands.length)]!;
    const ms = 40 + Math.floor(next() * 4000);
    if (next() < 0.7) events.push({ kind: 'model.text', data: { text: markdown(next) } });
    events.push(
      { kind: 'tool.call', data: { toolCallId, tool: 'run_command', input: { command } } },
      { kind: 'tool.started', data: { toolCallId, tool: 'run_command' } },
      {
        kind: 'tool.result',
        data: {
          toolCallId,
          tool: 'run_command',
          status: 'ok',
          summary: `exit 0 in ${(ms / 1000).toFixed(1)} s`,
          durationMs: ms,
          detail: {
            type: 'command',
            command,
            cwd: '/workspace/app',
            exitCode: 0,
            timedOut: false,
            output: output(next, command),
            truncated: false,
          },
        },
      },
      {
        kind: 'usage',
        data: { inputTokens: 2000 + step * 900, outputTokens: 150, step },
      },
    );
  }
  const finishId = `call_${turn}_finish`;
  events.push(
    { kind: 'model.text', data: { text: markdown(next) } },
    {
      kind: 'tool.call',
      data: { toolCallId: finishId, tool: 'finish', input: { summary, outcome: 'done' } },
    },
    {
      kind: 'tool.result',
      data: {
        toolCallId: finishId,
        tool: 'finish',
        status: 'ok',
        summary: 'done',
        durationMs: 0,
      },
    },
    { kind: 'turn.finished', data: { status: 'finished', summary, outcome: 'done' } },
  );
  return events;
}

/**
 * Turns whose events add up to exactly `count`. The very last event is a `turn.finished` whose
 * summary is `lastSummary`: the text a reader sees at the bottom of the chat.
 */
export function activityTurns(count: number, lastSummary: string): ActivityTurn[] {
  const next = seededRandom(20_240_601);
  const turns: ActivityTurn[] = [];
  let total = 0;
  for (let turn = 1; total < count; turn += 1) {
    const summary = `Turn ${turn} done: ${sentence(next, 10)}`;
    const events = turnEvents(next, turn, 16 + Math.floor(next() * 8), summary);
    turns.push({ turn, events });
    total += events.length;
  }
  // Trim the last turn from its front so the log still ends with a finished turn.
  const last = turns[turns.length - 1]!;
  last.events = last.events.slice(total - count);
  const end = last.events[last.events.length - 1]!;
  if (end.kind === 'turn.finished') end.data.summary = lastSummary;
  if (turns.reduce((n, t) => n + t.events.length, 0) !== count) {
    throw new Error(`activityTurns made the wrong number of events for ${count}`);
  }
  return turns;
}

/** The same events as one flat list (for the append benchmark, which batches them itself). */
export function activityEvents(count: number): NewActivity[] {
  return activityTurns(count, 'the end').flatMap((t) => t.events);
}
