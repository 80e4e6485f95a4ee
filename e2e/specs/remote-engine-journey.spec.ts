import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeRepo, removeTempRepos } from '../../src/main/testing/repoFactory';
import { startSshEngine, type SshEngineFixture } from '../../src/main/testing/sshEngine';
import { artifactsDir } from '../fixtures/browser';
import { connect } from '../fixtures/berthClient';
import { openBrowserWorkbench, type BrowserWorkbench } from '../fixtures/browserWorkbench';
import { EnginesPage } from '../pages/EnginesPage';
import { poll } from '../pages/poll';
import { ProcessesPage } from '../pages/ProcessesPage';
import { ProjectsPage } from '../pages/ProjectsPage';
import type { WorkbenchPage } from '../pages/WorkbenchPage';

// Issue 9's journey in Chromium against browser mode with a real remote engine: Debian's sshd
// on a loopback port whose user reaches this machine's Docker socket, added as ssh://. The host
// key is checked and trusted, a session from a project runs there (repository seeded, two
// terminals, the branch brought home, a port forwarded), and it survives sshd being killed.
describe('a session on a remote engine over SSH, end to end in the browser', () => {
  let ssh: SshEngineFixture;
  let wb: BrowserWorkbench;
  let page: Page;
  let w: WorkbenchPage;
  let engines: EnginesPage;
  let repoDir: string;
  const name = `remote ${Date.now().toString(36)}`;
  const branch = `berth/remote-${Date.now().toString(36)}`;
  const shot = (file: string) => page.screenshot({ path: join(artifactsDir, file) });

  beforeAll(async () => {
    ssh = await startSshEngine();
    repoDir = (await makeRepo({ files: { 'README.md': '# Remote\n' } })).dir;
    wb = await openBrowserWorkbench('remote');
    ({ page, w } = wb);
    engines = new EnginesPage(page);
    const client = connect(wb.server);
    await client.api.settings.setGitIdentity({ name: 'Ada Lovelace', email: 'ada@example.com' });
    client.close();
  });

  afterAll(async () => {
    await wb?.close();
    await ssh?.close();
    await removeTempRepos();
  });

  it('1. adds the SSH engine, shows its host key to check, and connects once trusted', async () => {
    await engines.open();
    await engines.add({ address: ssh.address, name: 'build-box', keyFile: ssh.identityFile });
    await engines.waitForState('build-box', 'host_key_unknown');
    // The fingerprint the user compares with `ssh-keygen -lf` on the host.
    expect(await engines.presentedFingerprint('build-box')).toBe(ssh.hostKey.fingerprint);
    await shot('remote-1-host-key.png');
    await engines.trust('build-box');
    await engines.waitForState('build-box', 'connected');
    expect(await engines.text('build-box')).toMatch(/connected · \d+\.\d+[^·]*· [\d.]+ ms/);
    await shot('remote-1-connected.png');
    await engines.close();
  });

  it('2. creates a session there from a project: the repository seeded, two terminals', async () => {
    await new ProjectsPage(page).create('Remote', [{ location: repoDir }]);
    await w.createSessionFrom({ project: 'Remote', name, branch, engine: 'build-box' });
    await w.waitForStatus('running');
    expect(await w.sessionItem(name).innerText()).toContain('build-box');
    await w.newTerminal();
    expect(await w.runAndRead('cat README.md')).toBe('# Remote');
    await w.newTerminal();
    expect(await w.runAndRead('git branch --show-current')).toBe(branch);
    await shot('remote-2-session.png');
  });

  it('3. brings the branch home from the remote sandbox', async () => {
    await w.run(
      'echo "made remotely" > remote.txt && git add remote.txt && git commit -qm "Remote work"',
    );
    const head = await w.runAndRead('git rev-parse HEAD');
    const toast = await w.bringHome();
    expect(toast.kind).toBe('info');
    expect((await git(['rev-parse', branch], { cwd: repoDir })).trim()).toBe(head);
  });

  it('4. forwards a port the remote sandbox listens on', async () => {
    await w.run('python3 -m http.server 8000 --bind 127.0.0.1 >/dev/null 2>&1 &');
    const p = new ProcessesPage(page);
    await p.waitForBadge(1);
    await p.open();
    const tab = await p.openPort(8000);
    await poll(
      () => tab.content(),
      (html) => html.includes('remote.txt'),
      'the directory listing in the forwarded tab',
    );
    await tab.close();
    await p.close();
  });

  it('5. shows the session reconnecting when sshd is killed, and comes back by itself', async () => {
    await ssh.kill();
    await w.waitForStatus('connecting', 60_000);
    await shot('remote-5-reconnecting.png');
    await ssh.start();
    await w.waitForStatus('running', 120_000);
    // The tab is the same, its scrollback, and the same shell: the server it started still runs.
    await w.waitForText(/reattached: the same shell/, 60_000);
    await w.waitForPrompt();
    expect(await w.runAndRead('echo back-$((2*3))')).toBe('back-6');
    // The forward comes back (on the same local port unless something else took it meanwhile:
    // the suite's other specs forward 8000 too), and the server in the sandbox never stopped.
    expect(await w.runAndRead('jobs -r | grep -c http.server')).toBe('1');
    const api = connect(wb.server);
    try {
      await poll(
        async () => {
          const sessionId = (await api.api.sessions.list({}))[0]!.id;
          const view = await api.api.ports.list({ sessionId });
          const forward = view.forwards[0];
          if (forward?.status !== 'active' || !forward.url) return JSON.stringify(view);
          return fetch(forward.url).then(
            (r) => r.text(),
            (error: Error) => `${forward.url}: ${error.message}`,
          );
        },
        (html) => html.includes('remote.txt'),
        'the forwarded port to answer again',
        60_000,
      );
    } finally {
      api.close();
    }
    await shot('remote-5-back.png');
  });
});
