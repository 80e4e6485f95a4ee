import { calcRepoFiles } from '../../src/main/testing/calcRepo';
import Database from 'better-sqlite3';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, removeTempRepos } from '../../src/main/testing/repoFactory';
import {
  callTool,
  say,
  startScriptedModel,
  type ScriptedModelServer,
} from '../../src/main/testing/scriptedModel';
import { sandboxSh } from '../../src/main/testing/sandboxShell';
import { artifactsDir } from '../fixtures/browser';
import { openBrowserWorkbench, type BrowserWorkbench } from '../fixtures/browserWorkbench';
import { ChatPage, ModelsSettings } from '../pages/ChatPage';
import { ProjectsPage } from '../pages/ProjectsPage';
import type { WorkbenchPage } from '../pages/WorkbenchPage';

// Issue 6's journey in Chromium against browser mode, the real engine, real git and the
// scripted model server speaking the OpenAI-compatible protocol (what Ollama and llama-server
// speak) through the real provider package. Nothing in Berth knows the model is scripted.

/** A port nothing listens on: one the OS just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the agent, end to end in the browser', () => {
  let model: ScriptedModelServer;
  let wb: BrowserWorkbench;
  let page: Page;
  let w: WorkbenchPage;
  let chat: ChatPage;
  let containerId: string;
  const shot = (name: string) => page.screenshot({ path: join(artifactsDir, `agent-${name}.png`) });

  /** The page objects of the page Berth is open in now. */
  const usePage = () => {
    ({ page, w } = wb);
    chat = new ChatPage(page);
  };

  /** Stops Berth (SIGTERM, as quitting does) and starts it again on the same data. */
  const restart = async () => {
    await wb.restart();
    usePage();
    await page
      .getByRole('navigation', { name: 'Sessions' })
      .getByRole('button', { name: /Fix add/ })
      .click();
  };

  beforeAll(async () => {
    model = await startScriptedModel();
    wb = await openBrowserWorkbench('agent', { viewport: { width: 1500, height: 950 } });
    usePage();
  });

  afterAll(async () => {
    await wb?.close();
    await model?.close();
    await removeTempRepos();
  });

  it('1. Settings → Models: a wrong URL is refused with a next step, the local server is added', async () => {
    const models = new ModelsSettings(page);
    await models.open();
    const closed = await closedPort();
    await models.fillProvider({
      kind: 'OpenAI-compatible',
      name: 'Local',
      baseUrl: `http://127.0.0.1:${closed}/v1`,
    });
    const refused = await models.check();
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain(`Nothing answers at http://127.0.0.1:${closed}/v1`);
    await models.fillProvider({ baseUrl: model.baseUrl('openai') });
    const checked = await models.check();
    expect(checked.text).toContain('qwen2.5-coder:7b');
    expect((await models.save()).ok).toBe(true);
    await expect.poll(() => models.provider('Local').innerText()).toMatch(/2 models/);
    await shot('1-models');
    await models.close();
  });

  it('2. a new session with a task starts the agent at once; it reads, edits, tests, asks and finishes', async () => {
    const repo = await makeRepo({
      files: calcRepoFiles,
    });
    await new ProjectsPage(page).create('Calc', [{ location: repo.dir }]);
    model.push(
      (request) => {
        // The repository's instructions and the tools reach the model.
        expect(request.instructions).toContain('python3 -m unittest');
        expect(request.toolNames).toEqual(
          expect.arrayContaining([
            'read_file',
            'edit',
            'run_command',
            'ask_user',
            'update_plan',
            'finish',
          ]),
        );
        expect(request.lastUserText).toBe('Fix add() in calc.py.');
        return callTool(
          'update_plan',
          {
            plan: [
              { step: 'Read calc.py', status: 'in_progress' },
              { step: 'Fix add()', status: 'pending' },
              { step: 'Run the tests', status: 'pending' },
            ],
          },
          { text: 'I will start by reading `calc.py`.' },
        );
      },
      callTool('read_file', { path: 'calc.py' }),
      callTool('edit', { path: 'calc.py', old_string: 'a - b', new_string: 'a * b' }),
      callTool('run_command', { command: 'python3 -m unittest -q' }),
      (request) => {
        expect(JSON.stringify(request.messages)).toContain('FAILED');
        return callTool(
          'edit',
          { path: 'calc.py', old_string: 'a * b', new_string: 'a + b' },
          { text: 'The test fails: `add` multiplies. Fixing.' },
        );
      },
      callTool('run_command', { command: 'python3 -m unittest -q' }),
      callTool('ask_user', {
        questions: [
          {
            question: 'Should I also add a test for negative numbers?',
            header: 'More tests',
            options: [
              { label: 'Yes', description: 'Add it now' },
              { label: 'No', description: 'Leave it' },
            ],
          },
        ],
      }),
      (request) => {
        expect(request.lastUserText + JSON.stringify(request.messages)).toContain('No');
        return callTool('finish', {
          summary: 'Fixed `add()` in calc.py: it subtracted. `python3 -m unittest` passes.',
          outcome: 'done',
        });
      },
    );
    await w.createSessionFrom({ project: 'Calc', name: 'Fix add', task: 'Fix add() in calc.py.' });
    await w.waitForStatus('running');
    await chat.question(180_000);
    await shot('2-question');
    await chat.answer({ pick: ['No'] });
    await chat.waitForStatusValue('finished');
    await expect.poll(() => chat.summaries().last().innerText()).toContain('python3 -m unittest');
    await shot('2-finished');
    // The file really changed in the sandbox.
    const db = new Database(join(wb.server.dataDir, 'berth.db'), { readonly: true });
    const session = db
      .prepare("SELECT id, container_id FROM sessions WHERE name = 'Fix add'")
      .get() as { id: string; container_id: string };
    containerId = session.container_id;
    expect(await sandboxSh(containerId, 'cat /workspace/repo/calc.py')).toBe(
      'def add(a, b):\n    return a + b',
    );
    // The log has every step, in order, in the SQLite file.
    const kinds = (
      db
        .prepare('SELECT kind, data FROM activity WHERE session_id = ? ORDER BY seq')
        .all(session.id) as { kind: string; data: string }[]
    ).map((r) =>
      r.kind === 'tool.result'
        ? `${r.kind}:${(JSON.parse(r.data) as { tool: string }).tool}`
        : r.kind,
    );
    db.close();
    const sequence = kinds.filter(
      (k) =>
        k === 'user.message' ||
        k.startsWith('tool.result') ||
        k.startsWith('question') ||
        k === 'turn.finished',
    );
    expect(sequence).toEqual([
      'user.message',
      'tool.result:update_plan',
      'tool.result:read_file',
      'tool.result:edit',
      'tool.result:run_command',
      'tool.result:edit',
      'tool.result:run_command',
      'question.asked',
      'question.answered',
      'tool.result:ask_user',
      'tool.result:finish',
      'turn.finished',
    ]);
    expect(await chat.touchedFiles()).toEqual(['calc.py']);
    expect((await chat.instructions()).join('\n')).toContain('AGENTS.md');
    model.expectDone();
  });

  it('3. the chat shows each tool call folded in place, and a follow-up starts the next turn', async () => {
    const tests = chat.toolItem(/^run_command: python3 -m unittest -q$/);
    expect(await tests.count()).toBeGreaterThan(0);
    model.push(
      say(
        'Here is the fix:\n\n```python\ndef add(a, b):\n    return a + b\n```\n\nAll **tests pass**.',
      ),
    );
    await chat.send('Show me the fix.');
    await chat.waitForStatusValue('finished');
    await expect
      .poll(() => chat.log().locator('pre code').last().innerText())
      .toContain('return a + b');
    await shot('3-markdown');
  });

  it('4. asks before commands: Deny with a reason, Approve always for exactly one command', async () => {
    await chat.setMode('Ask before commands');
    model.push(
      callTool('run_command', { command: 'rm -f test_calc.py' }),
      (request) => {
        expect(JSON.stringify(request.messages)).toContain('keep the tests');
        return callTool('run_command', { command: 'python3 -m unittest -q' });
      },
      callTool('run_command', { command: 'python3 -m unittest -q' }),
      callTool('run_command', { command: 'python3 -m unittest -q && touch done.txt' }),
    );
    await chat.send('Clean up and test again.');
    await chat.approval();
    expect(await chat.approvalSubject()).toBe('rm -f test_calc.py');
    await shot('4-approval');
    await chat.deny('keep the tests');
    await chat.approval();
    expect(await chat.approvalSubject()).toBe('python3 -m unittest -q');
    await chat.approveAlways();
    // The same command again runs without asking; a different one asks.
    await chat.approval();
    expect(await chat.approvalSubject()).toBe('python3 -m unittest -q && touch done.txt');
    expect(await sandboxSh(containerId, 'ls /workspace/repo')).toContain('test_calc.py');
  });

  it('5. a pending approval and a pending question survive a restart; the answers continue the same turn', async () => {
    await restart();
    await chat.approval();
    expect(await chat.approvalSubject()).toBe('python3 -m unittest -q && touch done.txt');
    await shot('5-approval-after-restart');
    model.push(
      callTool('ask_user', {
        questions: [
          { question: 'Commit this?', options: [{ label: 'Yes' }, { label: 'Not yet' }] },
        ],
      }),
      (request) => {
        expect(JSON.stringify(request.messages)).toContain('Not yet');
        return callTool('finish', { summary: 'Left uncommitted, as asked.', outcome: 'done' });
      },
    );
    await chat.approve();
    await chat.question();
    expect(await sandboxSh(containerId, 'ls /workspace/repo')).toContain('done.txt');
    await restart();
    await chat.question();
    await chat.answer({ pick: ['Not yet'] });
    await chat.waitForStatusValue('finished');
    // One turn from the message to finish: the restarts did not start a new one.
    const db = new Database(join(wb.server.dataDir, 'berth.db'), { readonly: true });
    const turns = db
      .prepare(
        "SELECT DISTINCT turn FROM activity WHERE session_id = (SELECT id FROM sessions WHERE name = 'Fix add') AND seq > (SELECT MAX(seq) FROM activity WHERE kind = 'user.message')",
      )
      .all() as { turn: number }[];
    db.close();
    expect(turns).toHaveLength(1);
    await chat.setMode('Auto in the sandbox');
    model.expectDone();
  });

  it('6. Stop during a long command kills it in the sandbox and the log says so', async () => {
    model.push(callTool('run_command', { command: 'sleep 600' }));
    await chat.send('Wait for a long time.');
    await chat.waitForToolState('run_command: sleep 600', 'running');
    await expect.poll(() => sandboxSh(containerId, 'pgrep -f "^sleep 600" | wc -l')).toBe('1');
    await chat.stop();
    await chat.waitForStatusValue('stopped');
    expect(await sandboxSh(containerId, 'pgrep -f "^sleep 600" | wc -l')).toBe('0');
    await chat.waitForLogText(/stopped by the user/i);
    await shot('6-stopped');
  });
});
