#!/usr/bin/env node
// The whole test suite, as the README and CI run it: lint, typecheck, build, then Vitest's unit,
// integration (real Docker) and end-to-end (real Chromium) projects. Ends with one summary line,
// `N passed, N failed, N skipped`, where each failed check (lint, typecheck, build) counts as one
// failed test.
//   node scripts/test.mjs              everything
//   node scripts/test.mjs --e2e-only   build + the end-to-end specs
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';

const e2eOnly = process.argv.includes('--e2e-only');
const bin = (name) => `node_modules/.bin/${name}`;
let checksFailed = 0;

function step(title, cmd, args) {
  console.log(`\n── ${title} ──`);
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.log(`✗ ${title} failed (exit ${result.status ?? result.signal})`);
    checksFailed += 1;
    return false;
  }
  return true;
}

if (!e2eOnly) {
  step('lint', 'npm', ['run', '--silent', 'lint']);
  step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
}
const built = step('build', bin('electron-vite'), ['build']);

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
const projects = e2eOnly ? ['--project', 'e2e'] : ['--project', 'unit', '--project', 'e2e'];
let counts = { passed: 0, failed: 0, skipped: 0 };
if (built) {
  console.log('\n── tests ──');
  const run = spawnSync(
    bin('vitest'),
    ['run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { stdio: 'inherit' },
  );
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    counts = {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    };
    // A suite that failed to load (syntax error, failing beforeAll) has no failed test of its
    // own: count it so the run cannot look green.
    const brokenSuites = json.testResults.filter(
      (file) =>
        file.status === 'failed' && file.assertionResults.every((a) => a.status !== 'failed'),
    ).length;
    counts.failed += brokenSuites;
  }
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
}
counts.failed += checksFailed;
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed > 0 ? 1 : 0);
