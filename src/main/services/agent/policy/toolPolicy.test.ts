import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApprovalMode, ApprovalRule } from '../../../../shared/contract';
import type { PolicyDecision } from './policyTypes';
import { decideTool, initPolicy } from './toolPolicy';

beforeAll(() => initPolicy());

const repo = '/workspace/app';
const modes: ApprovalMode[] = ['auto', 'ask', 'read-only'];

function decide(tool: string, input: unknown, mode: ApprovalMode, rules: ApprovalRule[] = []) {
  return decideTool({ tool, input, mode, rules }, repo);
}

type Row = [tool: string, input: unknown, kinds: Record<ApprovalMode, PolicyDecision['kind']>];
const everywhere = { auto: 'allow', ask: 'allow', 'read-only': 'allow' } as const;

const table: Row[] = [
  ['read_file', { path: 'src/app.ts' }, everywhere],
  ['read_file', { path: '/workspace/app/.git/config' }, everywhere],
  ['read_file', { path: '.env' }, { auto: 'allow', ask: 'ask', 'read-only': 'ask' }],
  ['read_file', { path: 'config/.env.local' }, { auto: 'allow', ask: 'ask', 'read-only': 'ask' }],
  ['read_file', { path: '.envrc' }, everywhere],
  [
    'read_file',
    { path: '/var/run/docker.sock' },
    { auto: 'deny', ask: 'deny', 'read-only': 'deny' },
  ],
  ['search', { pattern: 'TODO' }, everywhere],
  ['search', { pattern: 'KEY', path: '.env' }, { auto: 'allow', ask: 'ask', 'read-only': 'ask' }],
  ['list_files', { pattern: '**/*.ts' }, everywhere],
  ['edit', { path: 'src/app.ts' }, { auto: 'allow', ask: 'allow', 'read-only': 'deny' }],
  ['write_file', { path: 'src/new.ts' }, { auto: 'allow', ask: 'allow', 'read-only': 'deny' }],
  ['edit', { path: '.env' }, { auto: 'allow', ask: 'ask', 'read-only': 'deny' }],
  [
    'write_file',
    { path: '.git/hooks/pre-commit' },
    { auto: 'allow', ask: 'ask', 'read-only': 'deny' },
  ],
  ['run_command', { command: 'ls -la' }, everywhere],
  ['run_command', { command: 'npm test' }, { auto: 'allow', ask: 'ask', 'read-only': 'deny' }],
  ['run_command', { command: 'vim x' }, { auto: 'deny', ask: 'deny', 'read-only': 'deny' }],
  ['ask_user', { questions: [] }, everywhere],
  ['update_plan', { plan: [] }, everywhere],
  ['finish', { summary: 'done', outcome: 'done' }, everywhere],
  ['delete_repo', {}, { auto: 'deny', ask: 'deny', 'read-only': 'deny' }],
  ['run_command', { command: 42 }, { auto: 'deny', ask: 'deny', 'read-only': 'deny' }],
  ['run_command', null, { auto: 'deny', ask: 'deny', 'read-only': 'deny' }],
  ['edit', 'src/app.ts', { auto: 'deny', ask: 'deny', 'read-only': 'deny' }],
];

describe('decideTool', () => {
  it.each(table)('%s %j', (tool, input, kinds) => {
    for (const mode of modes) expect(decide(tool, input, mode).kind, mode).toBe(kinds[mode]);
  });

  it('gives the model a reason it can act on', () => {
    expect(decide('edit', { path: 'a.ts' }, 'read-only').reason).toBe(
      'the session is read-only; describe the change instead',
    );
    expect(decide('delete_repo', {}, 'auto').reason).toBe('there is no tool named `delete_repo`');
    expect(decide('run_command', {}, 'auto').reason).toBe('run_command needs a `command` string');
  });

  it('hands commands to the command policy with the rules and the call’s cwd', () => {
    const rules: ApprovalRule[] = [
      { id: 'r1', tool: 'run_command', pattern: 'npm test', decision: 'allow', createdAt: '' },
    ];
    expect(decide('run_command', { command: 'npm test', cwd: 'pkg' }, 'ask', rules)).toEqual({
      kind: 'allow',
      reason: 'allowed by the rule `npm test`',
      ruleId: 'r1',
    });
  });

  it('is deterministic', () => {
    const call = { command: 'git status && rm -rf build' };
    const first = decide('run_command', call, 'ask');
    for (let i = 0; i < 20; i++) expect(decide('run_command', call, 'ask')).toEqual(first);
  });

  it('refuses to decide before initPolicy()', async () => {
    vi.resetModules();
    const fresh = await import('./toolPolicy');
    expect(() =>
      fresh.decideTool({ tool: 'finish', input: {}, mode: 'auto', rules: [] }, repo),
    ).toThrow(/await initPolicy\(\)/);
  });
});
