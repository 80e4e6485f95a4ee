import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, removeTempRepos } from '../../src/main/testing/repoFactory';
import {
  callTool,
  startScriptedModel,
  type ScriptedModelServer,
} from '../../src/main/testing/scriptedModel';
import { sandboxSh } from '../../src/main/testing/sandboxShell';
import { artifactsDir } from '../fixtures/browser';
import { openBrowserWorkbench, type BrowserWorkbench } from '../fixtures/browserWorkbench';
import { ChangesPage } from '../pages/ChangesPage';
import { ChatPage, ModelsSettings } from '../pages/ChatPage';
import { poll } from '../pages/poll';
import { ProjectsPage } from '../pages/ProjectsPage';
import type { WorkbenchPage } from '../pages/WorkbenchPage';

// Issue 7's journey in Chromium against browser mode, the real engine and real git: the
// Changes panel lists what the session changed against its base branch, Monaco shows the diff,
// a comment on a line range survives a reload, rides along with the next message to the
// (scripted) model, and follows its lines as the agent edits them, until they are gone.

const shop = [
  'def total(items):',
  '    """The sum of the prices."""',
  '    result = 0',
  '    for item in items:',
  '        result = result - item.price',
  '    return result',
  '',
  '',
  'def count(items):',
  '    return len(items)',
  '',
].join('\n');

describe('review, end to end in the browser', () => {
  let model: ScriptedModelServer;
  let wb: BrowserWorkbench;
  let page: Page;
  let w: WorkbenchPage;
  let chat: ChatPage;
  let changes: ChangesPage;
  let containerId: string;
  const shot = (name: string) =>
    page.screenshot({ path: join(artifactsDir, `review-${name}.png`) });
  const sh = (script: string) => sandboxSh(containerId, `cd /workspace/repo && ${script}`);
  /** A side of the diff as text (Monaco renders spaces as no-break spaces). */
  const sideText = async (side: 'original' | 'modified') =>
    (await changes.diffEditor().locator(`.editor.${side} .view-lines`).innerText()).replace(
      /\u00a0/g,
      ' ',
    );

  /** The page objects of the page Berth is open in now. */
  const usePage = () => {
    ({ page, w } = wb);
    chat = new ChatPage(page);
    changes = new ChangesPage(page);
  };

  beforeAll(async () => {
    model = await startScriptedModel();
    wb = await openBrowserWorkbench('review', { viewport: { width: 1600, height: 950 } });
    usePage();
  });

  afterAll(async () => {
    await wb?.close();
    await model?.close();
    await removeTempRepos();
  });

  it('1. lists an edit, a new untracked file, a deletion and a rename with their counts', async () => {
    const models = new ModelsSettings(page);
    await models.open();
    await models.fillProvider({
      kind: 'OpenAI-compatible',
      name: 'Local',
      baseUrl: model.baseUrl('openai'),
    });
    expect((await models.save()).ok).toBe(true);
    await models.close();
    const repo = await makeRepo({
      files: {
        'shop.py': shop,
        'README.md': '# Shop\n',
        'notes.txt': 'old notes\nsecond line\n',
        'legacy.txt': 'to remove\n',
      },
      commits: [],
    });
    await new ProjectsPage(page).create('Shop', [{ location: repo.dir }]);
    await w.createSessionFrom({ project: 'Shop', name: 'Review shop' });
    await w.waitForStatus('running');
    const db = new Database(join(wb.server.dataDir, 'berth.db'), { readonly: true });
    containerId = (
      db.prepare("SELECT container_id FROM sessions WHERE name = 'Review shop'").get() as {
        container_id: string;
      }
    ).container_id;
    db.close();

    await changes.open();
    await poll(
      () => changes.emptyText(),
      (t) => t.includes('No changes'),
      'the empty state',
    );
    await sh(
      [
        "sed -i 's/result - item.price/result + item.price/' shop.py",
        "printf 'def tax(x):\\n    return x * 0.2\\n' > tax.py",
        'rm legacy.txt',
        'mv notes.txt NOTES.md',
      ].join(' && '),
    );
    const rows = await changes.waitForFiles((r) => r.length === 4, 'four changed files');
    expect(rows).toEqual(
      expect.arrayContaining([
        { path: 'shop.py', oldPath: null, status: 'modified', additions: 1, deletions: 1 },
        { path: 'tax.py', oldPath: null, status: 'added', additions: 2, deletions: 0 },
        { path: 'legacy.txt', oldPath: null, status: 'deleted', additions: 0, deletions: 1 },
        { path: 'NOTES.md', oldPath: 'notes.txt', status: 'renamed', additions: 0, deletions: 0 },
      ]),
    );
    expect(await changes.totals()).toMatch(/4 files.*\+3.*−2/);
    expect(await changes.toggleCount()).toBe(4);
  });

  it('2. shows the change in a Monaco diff, base on the left, working tree on the right', async () => {
    await changes.selectFile('shop.py');
    await changes.diffEditor().waitFor();
    await poll(
      () => sideText('modified'),
      (text) => text.includes('result + item.price'),
      'the working tree side',
    );
    expect(await sideText('original')).toContain('result - item.price');
    await shot('2-diff');
  });

  /** The line-number cell of a line on one side of the diff. */
  const gutter = (side: 'original' | 'modified', line: number) =>
    changes
      .diffEditor()
      .locator(`.editor.${side} .line-numbers`)
      .filter({ hasText: new RegExp(`^${line}$`) });
  const inlineComment = (label: string) =>
    changes.diffEditor().getByRole('article', { name: label, exact: true });

  it('3. a comment on a line range is saved at once, inline and in the list, and survives a reload', async () => {
    await gutter('modified', 5).click();
    await gutter('modified', 6).click({ modifiers: ['Shift'] });
    await changes.diffEditor().getByRole('button', { name: 'Add comment' }).click();
    const composer = changes.diffEditor().getByRole('region', { name: 'New comment on lines 5–6' });
    await composer
      .getByRole('textbox', { name: 'Comment' })
      .fill('Prices are in cents: say so, and use +=.');
    await composer.getByRole('button', { name: 'Save comment' }).click();
    await inlineComment('Comment on lines 5–6').waitFor();
    await shot('3-comment');
    await changes.showTab('Comments');
    const listed = await poll(
      () => changes.commentItems(),
      (c) => c.length === 1,
      'the comment in the list',
    );
    expect(listed[0]).toMatchObject({
      path: 'shop.py',
      body: 'Prices are in cents: say so, and use +=.',
      state: 'Pending',
      outdated: false,
    });
    expect(await changes.chipText()).toBe('1 comment on 1 file');

    await page.reload();
    await changes.open();
    await changes.showTab('Comments');
    await poll(
      () => changes.commentItems(),
      (c) => c.length === 1 && c[0]!.state === 'Pending',
      'the comment after a reload',
    );
    await changes.showTab('Files');
    await changes.selectFile('shop.py');
    await inlineComment('Comment on lines 5–6').waitFor();
    expect(await changes.chipText()).toBe('1 comment on 1 file');
  });

  it('4. the next message carries the comment to the model; the agent edits the lines and the comment follows them', async () => {
    model.push(
      (request) => {
        const text = request.lastUserText;
        expect(text).toContain('Please address the review.');
        expect(text).toContain('File: shop.py (repository repo');
        expect(text).toContain('Side: the working tree');
        expect(text).toContain('Lines: lines 5-6');
        expect(text).toContain('5 |         result = result + item.price');
        expect(text).toContain('6 |     return result');
        expect(text).toContain('Prices are in cents: say so, and use +=.');
        return callTool('read_file', { path: 'shop.py' });
      },
      callTool('edit', {
        path: 'shop.py',
        old_string: '    result = 0\n    for item in items:\n        result = result + item.price',
        new_string:
          '    result = 0\n    # Prices are in cents.\n    for item in items:\n        result += item.price',
      }),
      callTool('finish', { summary: 'Prices are in cents; `+=` it is.', outcome: 'done' }),
    );
    await chat.send('Please address the review.');
    await chat.waitForStatusValue('finished');
    model.expectDone();
    expect(await changes.chipText()).toBe('');
    await changes.showTab('Comments');
    const [sent] = await poll(
      () => changes.commentItems(),
      (c) => c[0]?.state === 'Sent' && c[0].lines.includes('6–7'),
      'the comment sent and on its new lines',
    );
    expect(sent).toMatchObject({
      outdated: false,
      body: 'Prices are in cents: say so, and use +=.',
    });
    await changes.showTab('Files');
    await inlineComment('Comment on lines 6–7').waitFor();
    expect(await sideText('modified')).toContain('result += item.price');
    await shot('4-followed');
  });

  it('5. an edit that removes the lines makes the comment outdated, shown with its original text', async () => {
    await sh("sed -i '/result += item.price/d; /    return result/d' shop.py");
    await changes.showTab('Comments');
    const [outdated] = await poll(
      () => changes.commentItems(),
      (c) => c[0]?.outdated === true,
      'the comment outdated',
    );
    expect(outdated!.originalLines).toContain('result = result + item.price');
    expect(outdated!.originalLines).toContain('return result');
    await shot('5-outdated');
    await changes.showTab('Files');
    await expect.poll(() => inlineComment('Comment on lines 6–7').count()).toBe(0);
  });

  it('6. nasty files: binary, symlink, huge, non-UTF-8, names with spaces, Unicode and a newline', async () => {
    const newline = 'line\nbreak.txt';
    await sh(
      [
        "printf '\\000\\001\\002\\377' > logo.bin",
        'ln -s README.md link-to-readme',
        'seq 1 100000 > huge.txt',
        "printf 'caf\\351\\n' > latin.txt",
        "printf 'spaced\\n' > 'with spaces.txt'",
        "printf 'unicode\\n' > 'ünïcödé 名前.txt'",
        `printf 'newline\\n' > "$(printf 'line\\nbreak.txt')"`,
        'head -c 5000000 /dev/zero | tr "\\0" a > big.txt',
      ].join(' && '),
    );
    const rows = await changes.waitForFiles((r) => r.length >= 12, 'the nasty files listed');
    const byPath = new Map(rows.map((r) => [r.path, r]));
    expect(byPath.get('logo.bin')).toMatchObject({ status: 'added', additions: null });
    expect(byPath.get('link-to-readme')).toMatchObject({ status: 'added', additions: 1 });
    expect(byPath.get('huge.txt')).toMatchObject({ status: 'added', additions: 100_000 });
    expect(byPath.get('with spaces.txt')).toMatchObject({ status: 'added', additions: 1 });
    expect(byPath.get('ünïcödé 名前.txt')).toMatchObject({ status: 'added', additions: 1 });
    expect(byPath.get(newline)).toMatchObject({ status: 'added', additions: 1 });

    const note = async (path: string) => {
      await changes.selectFile(path);
      return poll(
        () =>
          changes
            .diffNote()
            .innerText()
            .catch(() => ''),
        (t) => t !== '',
        `the note of ${path}`,
      );
    };
    expect(await note('logo.bin')).toMatch(/binary/i);
    expect(await note('link-to-readme')).toContain('README.md');
    expect(await note('big.txt')).toMatch(/too large/i);

    await changes.selectFile('latin.txt');
    await changes.latin1Banner().waitFor();
    await poll(
      () => sideText('modified'),
      (t) => t.includes('café'),
      'Latin-1 text',
    );

    await changes.selectFile(newline);
    await poll(
      () => sideText('modified'),
      (t) => t.includes('newline'),
      'the file with a newline in its name',
    );

    // 100,000 lines: the first lines show and the window keeps answering.
    await changes.selectFile('huge.txt');
    await poll(
      () => sideText('modified'),
      (t) => /^1\n2\n3\n/.test(t),
      'the first lines of huge.txt',
    );
    const answered = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          setTimeout(() => resolve(performance.now() - start), 0);
        }),
    );
    expect(answered).toBeLessThan(5_000);
    await shot('6-huge');
  });
});
