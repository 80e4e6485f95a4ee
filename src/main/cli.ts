#!/usr/bin/env node
import { runCli } from './cli/run';

// The `berth` command, run by plain Node (no Electron). Exits with the command's code once it
// has finished (for `berth serve`, after a signal has shut the workbench down).
runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
