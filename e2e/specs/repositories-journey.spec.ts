import Docker from 'dockerode';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForge, type ForgeStandIn } from '../../src/main/testing/forgeStandIn';
import { startGitRemote, type GitRemote } from '../../src/main/testing/gitHttpRemote';
import {
  authArgs,
  cloneWithOrigin,
  git,
  makeRepo,
  removeTempRepos,
  tempDir,
} from '../../src/main/testing/repoFactory';
import { artifactsDir, launchChromium } from '../fixtures/browser';
import { startBerth, type BerthServer } from '../fixtures/berthServer';
import { removeSandboxesOf } from '../fixtures/sandboxCleanup';
import { ProjectsPage } from '../pages/ProjectsPage';
import { WorkbenchPage } from '../pages/WorkbenchPage';
import { sandboxSh } from '../../src/main/testing/sandboxShell';

// Issue 5's journey, steps 1–7, in Chromium against browser mode, the real engine, real git, a
// real smart-HTTP remote (git http-backend behind basic auth) and the GitHub stand-in. The right
// token is a canary: it reaches Berth only through the credentials file in its data directory
// and must turn up nowhere else — not in the sandbox, the database, the logs or the WebSocket.
const docker = new Docker();
const canary = `canary-${Date.now().toString(36)}-b3f1c9`;
const urlToken = 'gadgets-token-7d2e';
const user = 'ada';

/** What a user would notice changing in their clone. */
async function cloneSnapshot(dir: string) {
  return {
    head: await git(['rev-parse', 'HEAD'], { cwd: dir }),
    branch: await git(['symbolic-ref', 'HEAD'], { cwd: dir }),
    status: await git(['status', '--porcelain', '--untracked-files=all'], { cwd: dir }),
    refs: (await git(['for-each-ref', '--format=%(refname) %(objectname)'], { cwd: dir }))
      .trim()
      .split('\n'),
  };
}

describe('projects and repositories, end to end in the browser', () => {
  let server: BerthServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let w: WorkbenchPage;
  let projects: ProjectsPage;
  let widgetsRemote: GitRemote;
  let gadgetsRemote: GitRemote;
  let forge: ForgeStandIn;
  let clone: string;
  let widgetsBare: string;
  let widgetsHost: string;
  let gadgetsUrl: string;
  let containerId: string;
  const frames: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    widgetsRemote = await startGitRemote({ username: user, token: canary });
    const widgets = await widgetsRemote.createBareRepo('acme/widgets');
    widgetsBare = widgets.dir;
    widgetsHost = new URL(widgets.url).host;
    const source = await makeRepo({ files: { 'login.py': 'def login():\n    return False\n' } });
    await git([...authArgs({ username: user, token: canary }), 'push', '-q', widgets.url, 'main'], {
      cwd: source.dir,
    });
    clone = (await cloneWithOrigin(widgets.url, { username: user, token: canary })).dir;
    writeFileSync(join(clone, 'scratch.txt'), 'an untracked file of the user\n');

    gadgetsRemote = await startGitRemote({ token: urlToken });
    const gadgets = await gadgetsRemote.createBareRepo('acme/gadgets', {
      defaultBranch: 'develop',
    });
    gadgetsUrl = gadgets.url;
    const gadgetsSource = await makeRepo({ branch: 'develop', files: { 'gadget.txt': 'g\n' } });
    await git(
      [...authArgs({ username: 'x', token: urlToken }), 'push', '-q', gadgetsUrl, 'develop'],
      {
        cwd: gadgetsSource.dir,
      },
    );

    forge = await startForge({ token: canary, repos: { 'acme/widgets': widgetsBare } });
    const home = await tempDir('home');
    writeFileSync(
      join(home, '.gitconfig'),
      '[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n',
    );
    server = await startBerth({
      dataDir: join(artifactsDir, `repos-data-${Date.now()}`),
      env: { HOME: home },
    });
    chromium = await launchChromium();
    browser = chromium.browser;
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => frames.push(String(f.payload)));
      ws.on('framereceived', (f) => frames.push(String(f.payload)));
    });
    w = new WorkbenchPage(page);
    projects = new ProjectsPage(page);
    await w.open(server.url);
  });

  afterAll(async () => {
    await page?.screenshot({ path: join(artifactsDir, 'repos-last.png') }).catch(() => {});
    await chromium?.close();
    await server?.stop();
    if (server) await removeSandboxesOf(server.dataDir);
    await forge?.close();
    await widgetsRemote?.close();
    await gadgetsRemote?.close();
    await removeTempRepos();
  });

  it('1a. explains what is wrong with a repository beside its field', async () => {
    await projects.openNew();
    await projects.fill('Widgets', [{ location: join(clone, '..') }]);
    expect(await projects.fieldError('Repository 1 path or URL')).toMatch(/not a git repository/);
    await projects.fillRepository(1, { location: clone });
    const dialog = projects.dialog();
    await expect
      .poll(() => dialog.getByLabel('Repository 1 base branch').inputValue())
      .toBe('main');
    expect(await dialog.getByLabel('Repository 1 directory').inputValue()).toBe('clone');
    await dialog.getByRole('button', { name: 'Add repository' }).click();
    await projects.fillRepository(2, { location: gadgetsUrl });
    expect(await projects.fieldError('Repository 2 path or URL')).toMatch(
      /needs credentials: add a token for 127\.0\.0\.1:\d+ in Settings/,
    );
    await dialog.getByRole('button', { name: 'Add repository' }).click();
    await projects.fillRepository(3, { location: `${clone}/` });
    await projects.submit();
    await page.screenshot({ path: join(artifactsDir, 'repos-project-errors.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('1b. keeps tokens for git hosts in Settings without showing them', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect
      .poll(() => settings.getByLabel('Name', { exact: true }).inputValue())
      .toBe('Ada Lovelace');
    const addHost = async (host: string, username: string, token: string, apiUrl?: string) => {
      await settings.getByLabel('Host', { exact: true }).fill(host);
      await settings.getByLabel('User name', { exact: true }).fill(username);
      await settings.getByLabel('Token', { exact: true }).fill(token);
      if (apiUrl) await settings.getByLabel('API URL', { exact: true }).fill(apiUrl);
      await settings.getByRole('button', { name: 'Save host' }).click();
      await expect.poll(() => settings.getByText(host, { exact: true }).count()).toBeGreaterThan(0);
    };
    await addHost(new URL(gadgetsUrl).host, 'x', urlToken);
    // A wrong token for the widgets remote first: the pull request step must say so.
    await addHost(widgetsHost, user, 'wrong-token', forge.url);
    expect(await settings.innerText()).not.toContain(urlToken);
    await page.screenshot({ path: join(artifactsDir, 'repos-settings.png') });
    await page.keyboard.press('Escape');
  });

  it('1c. creates a project with a local clone and a clone URL, and refuses a taken name', async () => {
    await projects.create('Widgets', [
      { location: clone, name: 'widgets' },
      { location: gadgetsUrl },
    ]);
    await expect.poll(() => projects.item('Widgets').count()).toBe(1);
    await projects.openNew();
    await projects.fill('widgets', [{ location: clone }]);
    expect(await projects.submit()).toBe('refused');
    expect(await projects.fieldError('Project name')).toMatch(/already exists/);
    await projects.dialog().getByRole('button', { name: 'Cancel' }).click();
  });

  it('2–3. creates a session from the project, with each repository seeded and shown', async () => {
    await w.createSessionFrom({
      project: 'Widgets',
      name: 'Fix login',
      task: 'Fix the login form',
    });
    await w.waitForStatus('running', 300_000);
    const events = frames.filter((f) => f.includes('"phase":"repositories"'));
    // Progress comes at most every 200 ms, so a small repository may show only one step of it.
    expect(events.some((f) => /"message":"[^"]*(widgets|gadgets)[^"]*\(\d of 2\)"/.test(f))).toBe(
      true,
    );
    expect(events.some((f) => /"fraction":0\.\d/.test(f))).toBe(true);
    // The log ("Show log" while creating) stays with the session, one click away.
    await page.getByRole('button', { name: 'Show creation log' }).click();
    const log = page.getByLabel('Creation log');
    await expect
      .poll(() => log.innerText())
      .toMatch(/widgets: copying 1 pack and \d+ loose objects/);
    expect(await log.innerText()).toMatch(/gadgets: ready in [\d.]+ s/);
    await page.screenshot({ path: join(artifactsDir, 'repos-creation-log.png') });
    await page.getByRole('button', { name: 'Hide creation log' }).click();
    const logs = readdirSync(join(server.dataDir, 'logs')).map((f) =>
      readFileSync(join(server.dataDir, 'logs', f), 'utf8'),
    );
    expect(logs.some((log) => /widgets: copying 1 pack and \d+ loose objects/.test(log))).toBe(
      true,
    );
    expect(logs.some((log) => /gadgets: fetching http/.test(log))).toBe(true);
    expect(logs.some((log) => /gadgets: ready in/.test(log))).toBe(true);
    await page.screenshot({ path: join(artifactsDir, 'repos-session.png') });
  });

  it('4. works in a normal git tree on the session branch, as the user', async () => {
    await w.newTerminal();
    expect(await w.runAndRead('pwd')).toBe('/workspace/widgets');
    expect(await w.runAndRead('git branch --show-current')).toBe('berth/fix-login');
    expect(await w.runAndRead('git log --format=%s main | wc -l')).toBe('3');
    expect(await w.runAndRead('git config user.name')).toBe('Ada Lovelace');
    expect(await w.runAndRead('git status --porcelain | wc -l')).toBe('0');
    expect(
      await w.runAndRead(
        'cat /workspace/gadgets/gadget.txt; git -C /workspace/gadgets branch --show-current',
      ),
    ).toBe('g\nberth/fix-login');
  });

  it('5. shows the branch state live and remembers the primary repository', async () => {
    await w.waitForBranchState(/berth\/fix-login.*0 ahead.*0 behind.*0 changed/);
    await w.run('echo "def login():\n    return True" > login.py');
    await w.waitForBranchState(/1 changed/);
    await w.run('git commit -qam "Fix the login form"');
    await w.waitForBranchState(/1 ahead.*0 behind.*0 changed/);
    await w.primaryRepositorySelect().selectOption('gadgets');
    await w.newTerminal();
    expect(await w.runAndRead('pwd')).toBe('/workspace/gadgets');
    await page.reload();
    await expect
      .poll(() => w.primaryRepositorySelect().inputValue(), { timeout: 20_000 })
      .toBe('gadgets');
    await w.primaryRepositorySelect().selectOption('widgets');
    await w.waitForBranchState(/berth\/fix-login.*1 ahead/);
  });

  it('6. brings the branch home and leaves the rest of the clone as it was', async () => {
    const before = await cloneSnapshot(clone);
    const toast = await w.bringHome();
    expect(toast.kind).toBe('info');
    expect(toast.text).toContain(clone);
    const [sandbox] = await docker.listContainers({
      filters: { label: ['berth.session-name=Fix login'] },
    });
    containerId = sandbox?.Id ?? '';
    expect(containerId).not.toBe('');
    const head = await sandboxSh(containerId, 'cd /workspace/widgets && git rev-parse HEAD');
    expect((await git(['rev-parse', 'berth/fix-login'], { cwd: clone })).trim()).toBe(head);
    const after = await cloneSnapshot(clone);
    expect(after.head).toBe(before.head);
    expect(after.branch).toBe(before.branch);
    expect(after.status).toBe(before.status);
    expect(after.refs.filter((r) => !before.refs.includes(r))).toEqual([
      `refs/heads/berth/fix-login ${head}`,
    ]);
  });

  it('7a. a rejected token is said in the pull request dialog, with what was typed kept', async () => {
    const outcome = await w.createPullRequest({ title: 'Fix the login form' });
    expect(outcome).toBe('refused');
    const dialog = page.getByRole('dialog', { name: 'Create pull request' });
    expect(await dialog.getByRole('alert').innerText()).toMatch(/refused the token/);
    expect(await dialog.getByLabel('Title').inputValue()).toBe('Fix the login form');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('7b. pushes from the host and opens the pull request against the base branch', async () => {
    // The user puts the right token in the credentials file the settings page names.
    const file = join(server.dataDir, 'credentials.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { tokens: Record<string, string> };
    stored.tokens[widgetsHost] = canary;
    writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
    expect(await w.createPullRequest({ title: 'Fix the login form' })).toBe('created');
    await expect.poll(() => w.pullRequestLink().innerText()).toBe('Pull request #1');
    expect(await w.pullRequestState().innerText()).toMatch(/open/);
    const request = forge.requests.find((r) => r.method === 'POST');
    expect(request?.body).toMatchObject({
      base: 'main',
      head: 'berth/fix-login',
      title: 'Fix the login form',
    });
    expect(String((request?.body as { body?: string }).body)).toContain('Fix the login form');
    const head = await sandboxSh(containerId, 'cd /workspace/widgets && git rev-parse HEAD');
    expect((await git(['--git-dir', widgetsBare, 'rev-parse', 'berth/fix-login'])).trim()).toBe(
      head,
    );
    await page.screenshot({ path: join(artifactsDir, 'repos-pull-request.png') });
  });

  it('7c. Push updates the pull request, and a non-fast-forward is refused with the reason', async () => {
    const other = join(await tempDir('other'), 'widgets');
    const auth = authArgs({ username: user, token: canary });
    await git([
      ...auth,
      'clone',
      '-q',
      '--branch',
      'berth/fix-login',
      `http://${widgetsHost}/acme/widgets.git`,
      other,
    ]);
    const pushed = (await git(['rev-parse', 'HEAD'], { cwd: other })).trim();
    writeFileSync(join(other, 'theirs.txt'), 'a teammate pushed this\n');
    await git(['add', '-A'], { cwd: other });
    await git(['commit', '-qm', 'A teammate commit'], { cwd: other });
    await git([...auth, 'push', '-q', 'origin', 'berth/fix-login'], { cwd: other });

    await w.run(
      'cd /workspace/widgets && echo "# more" >> login.py && git commit -qam "Handle empty passwords"',
    );
    await w.waitForBranchState(/2 ahead/);
    const refused = await w.push();
    expect(refused.kind).toBe('error');
    expect(refused.text).toMatch(/not a fast-forward/);

    await git(
      [...auth, 'push', '-q', '--force', 'origin', `${pushed}:refs/heads/berth/fix-login`],
      { cwd: other },
    );
    const ok = await w.push();
    expect(ok.kind).toBe('info');
    const head = await sandboxSh(containerId, 'cd /workspace/widgets && git rev-parse HEAD');
    expect((await git(['--git-dir', widgetsBare, 'rev-parse', 'berth/fix-login'])).trim()).toBe(
      head,
    );
  });

  it('keeps the token out of the sandbox, the database, the logs and the WebSocket', async () => {
    const inSandbox = await sandboxSh(
      containerId,
      `grep -rIl --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev -e ${canary} / 2>/dev/null | head -5; cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n' | grep -c ${canary}`,
      { root: true },
    );
    expect(inSandbox).toBe('0');
    const inspect = JSON.stringify(await docker.getContainer(containerId).inspect());
    expect(inspect).not.toContain(canary);
    const image = JSON.parse(inspect).Config.Image as string;
    expect(JSON.stringify(await docker.getImage(image).history())).not.toContain(canary);
    for (const file of readdirSync(server.dataDir)) {
      if (file === 'credentials.json') continue;
      const path = join(server.dataDir, file);
      const bytes = file === 'logs' || file === 'mirrors' ? null : readFileSync(path);
      if (bytes) expect(bytes.includes(Buffer.from(canary)), file).toBe(false);
    }
    for (const log of readdirSync(join(server.dataDir, 'logs'))) {
      expect(readFileSync(join(server.dataDir, 'logs', log), 'utf8')).not.toContain(canary);
    }
    expect(server.logs()).not.toContain(canary);
    expect(frames.length).toBeGreaterThan(100);
    expect(frames.filter((f) => f.includes(canary))).toEqual([]);
    // Nor did the clone's config ever hold it.
    expect(readFileSync(join(clone, '.git', 'config'), 'utf8')).not.toContain(canary);
  });

  it('a second session on a branch that exists is refused, with a free name to use', async () => {
    // "Fix login!" makes the same branch as "Fix login", which the first session owns.
    await w.createSessionFrom({
      project: 'Widgets',
      name: 'Fix login!',
      repos: [{ name: 'widgets' }],
    });
    const dialog = w.newSessionDialog();
    const use = dialog.getByRole('button', { name: 'Use berth/fix-login-2' });
    await use.waitFor({ timeout: 30_000 });
    expect(await dialog.getByRole('alert').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/berth\/fix-login already exists/)]),
    );
    await page.screenshot({ path: join(artifactsDir, 'repos-branch-conflict.png') });
    await use.click();
    expect(await dialog.getByLabel('Branch', { exact: true }).inputValue()).toBe(
      'berth/fix-login-2',
    );
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    // The new session is selected; wait for its own header before reading its status.
    await page.getByRole('heading', { name: 'Fix login!', exact: true }).waitFor();
    await w.waitForStatus('running', 120_000);
    await w.newTerminal();
    expect(await w.runAndRead('git branch --show-current')).toBe('berth/fix-login-2');
  });
});
