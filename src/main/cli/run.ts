import { version } from '../../../package.json';
import { RemoteBindError } from '../web/bindAddress';
import { UsageError } from './command';
import { commands } from './commands';

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(
    ([name, command]) => `  ${name.padEnd(width)}   ${command.summary}`,
  );
  return `Usage: berth <command> [options]

Berth: a workbench for AI coding-agent sessions in Docker sandboxes.

Commands:
${lines.join('\n')}

Options:
  -h, --help      show help (also: berth <command> --help)
  -v, --version   show the version`;
}

/** Runs `berth` with its arguments (without node and the script); resolves with the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '-h' || first === '--help' || first === 'help') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (first === '-v' || first === '--version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const command = first === undefined ? undefined : commands[first];
  if (!command || !Object.hasOwn(commands, first ?? '')) {
    const problem =
      first === undefined
        ? 'No command given.'
        : first.startsWith('-')
          ? `Unknown option "${first}".`
          : `Unknown command "${first}".`;
    process.stderr.write(`berth: ${problem}\n\n${usage()}\n`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (isUsageError(error)) {
      process.stderr.write(`berth ${first}: ${(error as Error).message}\n\n${command.usage}\n`);
      return 2;
    }
    if (error instanceof RemoteBindError) {
      process.stderr.write(`berth ${first}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** Our own UsageError, or node:util parseArgs rejecting an unknown or malformed option. */
function isUsageError(error: unknown): boolean {
  if (error instanceof UsageError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
