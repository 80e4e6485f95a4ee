#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { runtimeProblem, UNSUPPORTED_RUNTIME_EXIT_CODE } from './cli/nodeCheck';

// The `berth` command, run by plain Node (no Electron). It first checks that this Node can run
// Berth, and only then loads the commands with a dynamic import() (a chunk of its own in the
// build): they pull in the core and its native modules, and a native binary that does not fit
// this Node crashes it outright, with no message (better-sqlite3 13 segfaults Node 20 as soon as
// its binary loads). So this file statically imports nothing but the check.
// Exits with the command's code once it has finished (for `berth serve`, after a signal has shut
// the workbench down).
const problem = runtimeProblem(
  {
    version: process.version,
    execPath: process.execPath,
    args: process.argv.slice(2),
    script: fileURLToPath(import.meta.url),
    // out/main/cli.js (and src/main/cli.ts) sit two folders below the project.
    root: fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, ''),
    cwd: process.cwd(),
  },
  import.meta.url,
);

if (problem !== undefined) {
  process.stderr.write(problem);
  process.exitCode = UNSUPPORTED_RUNTIME_EXIT_CODE;
} else {
  import('./cli/run')
    .then(({ runCli }) => runCli(process.argv.slice(2)))
    .then(
      (code) => process.exit(code),
      (error: unknown) => {
        console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        process.exit(1);
      },
    );
}
