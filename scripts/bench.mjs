#!/usr/bin/env node
// The benchmarks (bench/*.bench.ts): Berth beside a raw baseline measured in the same run, printed
// as tables and merged into test-results/bench.json. They report and never assert on timing; a
// measured operation that fails (output that never arrives) fails the run. Builds first when
// browser mode (out/main/cli.js) is missing. Exits with Vitest's code.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;

if (!existsSync('out/main/cli.js')) {
  console.log('── build (out/main/cli.js is missing) ──');
  const build = spawnSync(bin('electron-vite'), ['build'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.log(`✗ build failed (exit ${build.status ?? build.signal})`);
    process.exit(build.status ?? 1);
  }
}

const run = spawnSync(bin('vitest'), ['run', '--project', 'bench', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
