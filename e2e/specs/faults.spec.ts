import { join } from 'node:path';
import Docker from 'dockerode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, launchChromium } from '../fixtures/browser';
import { startBerth, type BerthServer } from '../fixtures/berthServer';
import { startEngineProxy, type EngineProxy } from '../fixtures/engineProxy';
import { WorkbenchPage } from '../pages/WorkbenchPage';

// Bad input and faults, as the user sees them in the window.
describe('faults in the browser', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;

  beforeAll(async () => {
    chromium = await launchChromium();
    browser = chromium.browser;
  });
  afterAll(async () => {
    await chromium?.close();
  });

  it('refuses a page without the token, or with a wrong one', async () => {
    const server = await startBerth();
    try {
      const page = await browser.newPage();
      const bare = await page.goto(server.origin + '/');
      expect(bare?.status()).toBe(401);
      expect(await page.locator('body').innerText()).toMatch(/berth serve/);
      const wrong = await page.goto(server.origin + '/?token=not-the-token');
      expect(wrong?.status()).toBe(401);
      await page.close();
    } finally {
      await server.stop();
    }
  });

  it('says clearly when no Docker engine answers at start', async () => {
    const server = await startBerth({ env: { DOCKER_HOST: 'unix:///tmp/berth-no-engine.sock' } });
    try {
      const page = await browser.newPage();
      const w = new WorkbenchPage(page);
      await w.open(server.url);
      await expect
        .poll(() => w.engineStatus().innerText(), { timeout: 20_000 })
        .toMatch(/No Docker engine/i);
      expect(await w.engineStatus().innerText()).toMatch(/DOCKER_HOST|dockerd|systemctl/);
      await page.screenshot({ path: join(artifactsDir, 'faults-no-engine.png') });
      await page.close();
    } finally {
      await server.stop();
    }
  });

  describe('with a running session', () => {
    let server: BerthServer;
    let proxy: EngineProxy;
    let page: Page;
    let w: WorkbenchPage;
    const docker = new Docker();

    beforeAll(async () => {
      proxy = await startEngineProxy();
      server = await startBerth({ env: { DOCKER_HOST: proxy.dockerHost } });
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      w = new WorkbenchPage(page);
      await w.open(server.url);
      await w.createSession('faults');
      await w.waitForStatus('running');
      await w.newTerminal();
    });
    afterAll(async () => {
      await proxy?.restore().catch(() => {});
      const sessions = await docker.listContainers({
        all: true,
        filters: { label: ['berth.session-name=faults'] },
      });
      await page
        ?.getByRole('button', { name: 'Delete' })
        .first()
        .click()
        .catch(() => {});
      await page
        ?.getByRole('dialog', { name: 'Delete session' })
        .getByRole('button', { name: 'Delete' })
        .click()
        .catch(() => {});
      await new Promise((r) => setTimeout(r, 2000));
      for (const c of sessions)
        await docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => {});
      await server?.stop();
      await proxy?.close();
    });

    it('shows a shell that exited and restarts it in the same tab', async () => {
      await w.run('exit 3');
      await expect
        .poll(() => page.getByRole('tabpanel').first().innerText(), { timeout: 15_000 })
        .toMatch(/exited.*3/i);
      // Nothing can reach a shell there: no cursor drawn (the DOM renderer marks it by class).
      const cursor = page.locator('[role="tabpanel"]:visible .xterm-rows .xterm-cursor');
      await expect.poll(() => cursor.count()).toBe(0);
      await page.getByRole('button', { name: 'Restart' }).click();
      await w.waitForPrompt();
      await expect.poll(() => cursor.count()).toBe(1);
      expect(await w.runAndRead('echo back-$((2*3))')).toBe('back-6');
    });

    it('shows the engine lost mid-session as reconnecting, and recovers when it is back', async () => {
      await proxy.cut();
      await expect
        .poll(() => w.engineStatus().innerText(), { timeout: 30_000 })
        .not.toMatch(/connected/i);
      await expect
        .poll(() => w.sessionStatus().innerText(), { timeout: 30_000 })
        .toMatch(/connecting/);
      await page.screenshot({ path: join(artifactsDir, 'faults-engine-lost.png') });
      await proxy.restore();
      await expect
        .poll(() => w.engineStatus().innerText(), { timeout: 30_000 })
        .toMatch(/connected/i);
      await w.waitForStatus('running', 30_000);
    });

    it('shows a sandbox removed outside Berth as an error that says so', async () => {
      const [container] = await docker.listContainers({
        filters: { label: ['berth.session-name=faults'] },
      });
      expect(container).toBeDefined();
      await docker.getContainer(container!.Id).remove({ force: true });
      await w.waitForStatus('error', 30_000);
      await expect
        .poll(() => page.getByRole('alert').allInnerTexts(), { timeout: 10_000 })
        .toEqual(expect.arrayContaining([expect.stringMatching(/removed outside Berth/)]));
      await page.screenshot({ path: join(artifactsDir, 'faults-sandbox-removed.png') });
    });
  });
});
