import type { ToolName } from '../../../../shared/contract';
import { editFile } from './editFile';
import { listFiles } from './listFiles';
import { readFile } from './readFile';
import { runCommand, type RunCommandOptions } from './runCommand';
import { search } from './search';
import { toolError } from './toolError';
import type {
  EditInput,
  ListFilesInput,
  ReadFileInput,
  RunCommandInput,
  SearchInput,
  WriteFileInput,
} from './toolSchemas';
import type { ToolContext, ToolOutcome } from './toolTypes';
import { writeFile } from './writeFile';

/** The tools that act in the sandbox; ask_user, update_plan and finish are the loop's own. */
export const sandboxTools = [
  'read_file',
  'list_files',
  'search',
  'edit',
  'write_file',
  'run_command',
] as const satisfies readonly ToolName[];

export type SandboxToolName = (typeof sandboxTools)[number];

export const isSandboxTool = (name: string): name is SandboxToolName =>
  (sandboxTools as readonly string[]).includes(name);

/**
 * Runs one sandbox tool with input already validated by its schema in `toolSpecs`. A problem
 * the model can fix (a bad path, a miss, a stale read) is a `status: 'error'` outcome; this
 * throws only when the engine or the sandbox itself fails. A command's processes carry
 * `ctx.toolCallId`, so one left running by a crash can be killed later with `killCommandGroup`.
 */
export function runSandboxTool(
  name: string,
  input: unknown,
  ctx: ToolContext,
  options: RunCommandOptions = {},
): Promise<ToolOutcome> {
  if (!isSandboxTool(name)) return Promise.resolve(toolError(`${name} is not a sandbox tool`));
  switch (name) {
    case 'read_file':
      return readFile(input as ReadFileInput, ctx);
    case 'list_files':
      return listFiles(input as ListFilesInput, ctx);
    case 'search':
      return search(input as SearchInput, ctx);
    case 'edit':
      return editFile(input as EditInput, ctx);
    case 'write_file':
      return writeFile(input as WriteFileInput, ctx);
    case 'run_command':
      return runCommand(input as RunCommandInput, ctx, options);
  }
}
