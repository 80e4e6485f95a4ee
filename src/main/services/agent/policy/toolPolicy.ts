import { posix } from 'node:path';
import type { ApprovalMode, ToolName } from '../../../../shared/contract';
import { decideCommand } from './commandPolicy';
import type { PolicyDecision, PolicyInput } from './policyTypes';
import { loadShellParser, shellParserReady } from './shellParser';

/** Loads the shell parser; await it once at startup, before the first `decideTool`. */
export async function initPolicy(): Promise<void> {
  await loadShellParser();
}

/**
 * The approval decision for one tool call. Synchronous, deterministic and, once `initPolicy()`
 * has resolved, it never throws: the AI SDK re-runs it when an approval is replayed, perhaps
 * while the sandbox is down. `cwd` is the primary repository in the sandbox; relative paths
 * and commands start there.
 */
export function decideTool({ tool, input, mode, rules }: PolicyInput, cwd: string): PolicyDecision {
  if (!shellParserReady()) {
    throw new Error('The approval policy is not ready: await initPolicy() once at startup.');
  }
  try {
    return decide(tool, input, mode, cwd, (command, where) =>
      decideCommand(command, where, mode, rules),
    );
  } catch (error) {
    // A bug here must not run anything unchecked, nor crash the loop.
    const why = error instanceof Error ? error.message : String(error);
    return {
      kind: mode === 'read-only' ? 'deny' : 'ask',
      reason: `the policy could not check this call (${why})`,
    };
  }
}

function decide(
  tool: string,
  input: unknown,
  mode: ApprovalMode,
  cwd: string,
  command: (command: string, cwd: string) => PolicyDecision,
): PolicyDecision {
  switch (tool as ToolName) {
    case 'list_files':
    case 'ask_user':
    case 'update_plan':
    case 'finish':
      return allow(`${tool} needs no approval`);
    case 'read_file':
    case 'search': {
      const path = field(input, 'path') ?? (tool === 'search' ? '.' : undefined);
      return path === undefined ? needs(tool, 'path') : readDecision(path, cwd, mode);
    }
    case 'edit':
    case 'write_file': {
      const path = field(input, 'path');
      return path === undefined ? needs(tool, 'path') : writeDecision(path, cwd, mode);
    }
    case 'run_command': {
      const text = field(input, 'command');
      return text === undefined
        ? needs(tool, 'command')
        : command(text, field(input, 'cwd') ?? cwd);
    }
    default:
      return { kind: 'deny', reason: `there is no tool named \`${tool}\`` };
  }
}

function readDecision(path: string, cwd: string, mode: ApprovalMode): PolicyDecision {
  const kind = sensitivity(path, cwd);
  if (kind === 'docker') return dockerSocket;
  if (kind === 'env' && mode !== 'auto') return { kind: 'ask', reason: envReason(path) };
  return allow('reading needs no approval');
}

function writeDecision(path: string, cwd: string, mode: ApprovalMode): PolicyDecision {
  if (mode === 'read-only') {
    return { kind: 'deny', reason: 'the session is read-only; describe the change instead' };
  }
  const kind = sensitivity(path, cwd);
  if (kind === 'docker') return dockerSocket;
  if (mode === 'auto') return allow('auto mode edits without asking');
  if (kind === 'env') return { kind: 'ask', reason: envReason(path) };
  if (kind === 'git') {
    return { kind: 'ask', reason: `\`${path}\` is inside .git, which decides what git runs` };
  }
  return allow('edits run without asking in this mode; commands ask');
}

/** Files that need a second look: secrets, git's own config and hooks, the Docker socket. */
function sensitivity(path: string, cwd: string): 'env' | 'git' | 'docker' | null {
  const parts = posix.resolve(cwd || '/', path).split('/');
  const name = parts.at(-1) ?? '';
  if (name === 'docker.sock') return 'docker';
  if (name === '.env' || name.startsWith('.env.')) return 'env';
  if (parts.includes('.git')) return 'git';
  return null;
}

const dockerSocket: PolicyDecision = {
  kind: 'deny',
  reason: 'the Docker socket is off limits inside the sandbox; do not try to reach it',
};

function envReason(path: string): string {
  return `\`${path}\` may hold secrets`;
}

function allow(reason: string): PolicyDecision {
  return { kind: 'allow', reason };
}

function needs(tool: string, name: string): PolicyDecision {
  return { kind: 'deny', reason: `${tool} needs a \`${name}\` string` };
}

function field(input: unknown, name: string): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const value = (input as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
