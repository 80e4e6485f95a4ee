import Docker from 'dockerode';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devServer } from '../../src/main/testing/sandboxServers';
import { sandboxRun } from '../../src/main/testing/sandboxShell';
import { artifactsDir } from '../fixtures/browser';
import { openBrowserWorkbench, type BrowserWorkbench } from '../fixtures/browserWorkbench';
import { ProcessesPage } from '../pages/ProcessesPage';
import { poll } from '../pages/poll';
import type { WorkbenchPage } from '../pages/WorkbenchPage';

// The journey in Chromium against browser mode and a real sandbox: servers started in
// terminals are listed with their processes and addresses; Open forwards one and shows it in a
// new tab (large and streaming responses, a WebSocket, relative links, and never Berth's
// cookie); the list follows servers that stop; forwards come back after a stop and start.
describe('processes and ports, end to end in the browser', () => {
  let wb: BrowserWorkbench;
  let server: BrowserWorkbench['server'];
  let context: BrowserContext;
  let page: Page;
  let w: WorkbenchPage;
  let p: ProcessesPage;
  let containerId: string;
  let local8000: number;
  const name = `ports ${Date.now().toString(36)}`;
  const shot = (file: string, on: Page = page) => on.screenshot({ path: join(artifactsDir, file) });

  beforeAll(async () => {
    wb = await openBrowserWorkbench('ports');
    ({ server, context, page, w } = wb);
    p = new ProcessesPage(page);
  });

  afterAll(async () => {
    await wb?.close();
  });

  it('1. lists servers started in terminals with process, command line and address', async () => {
    await w.createSession(name);
    await w.waitForStatus('running');
    const [sandbox] = await new Docker().listContainers({
      filters: { label: [`berth.session-name=${name}`] },
    });
    containerId = sandbox!.Id;
    // The dev server program (HTTP, streaming, a WebSocket echo) and a 20 MB file to serve.
    await sandboxRun(containerId, `cat > /tmp/dev.py <<'EOF'\n${devServer}\nEOF`);
    await sandboxRun(
      containerId,
      'mkdir -p /tmp/site && head -c 20000000 /dev/urandom > /tmp/site/big.bin',
    );
    await w.newTerminal();
    await w.run('cd /tmp/site && python3 -m http.server 8000 --bind 127.0.0.1');
    await w.newTerminal();
    await w.run('python3 /tmp/dev.py 0.0.0.0 5173 & python3 /tmp/dev.py ::1 3000');
    await p.waitForBadge(3);
    await p.open();
    expect(await p.ports()).toEqual([3000, 5173, 8000]);
    expect(await p.rowText(8000)).toMatchObject({
      process: 'python3',
      command: 'python3 -m http.server 8000 --bind 127.0.0.1',
      address: '127.0.0.1 (loopback only)',
      status: 'Not forwarded',
    });
    expect(await p.rowText(5173)).toMatchObject({
      command: 'python3 /tmp/dev.py 0.0.0.0 5173',
      address: '0.0.0.0 (all interfaces)',
    });
    expect(await p.rowText(3000)).toMatchObject({
      command: 'python3 /tmp/dev.py ::1 3000',
      address: '::1 (loopback only)',
    });
    expect(await p.note().innerText()).toMatch(/any user or program on this computer/);
    await shot('ports-1-list.png');
  });

  it('2. opens the loopback server in a new tab on localhost, large responses included', async () => {
    const tab = await p.openPort(8000);
    const url = new URL(tab.url());
    expect(url.hostname).toBe('localhost');
    local8000 = Number(url.port);
    expect(await tab.getByRole('heading', { name: 'Directory listing for /' }).isVisible()).toBe(
      true,
    );
    // A relative link, then a 20 MB response read in full.
    await tab.getByRole('link', { name: 'big.bin' }).waitFor();
    const size = await tab.evaluate(
      async () => (await (await fetch('big.bin')).arrayBuffer()).byteLength,
    );
    expect(size).toBe(20_000_000);
    await shot('ports-2-listing.png', tab);
    await p.waitForRowText(
      8000,
      (row) => row.status === `Forwarded → localhost:${local8000}`,
      "port 8000's status",
    );
    await tab.close();
  });

  it('3. a dev server works through its forward: streaming, WebSocket, links, no Berth cookie', async () => {
    const tab = await p.openPort(5173);
    expect(await tab.getByRole('heading', { name: 'Dev server on 0.0.0.0' }).isVisible()).toBe(
      true,
    );
    const streamed = await tab.evaluate(async () => {
      const reader = (await fetch('/stream')).body!.getReader();
      const parts: string[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return parts;
        parts.push(new TextDecoder().decode(value));
      }
    });
    expect(streamed.join('')).toBe('tick 0\ntick 1\ntick 2\ntick 3\ntick 4\n');
    // Chunks arrived as they were sent, not all at the end.
    expect(streamed.length).toBeGreaterThan(1);
    const echoed = await tab.evaluate(
      (url) =>
        new Promise<string>((resolve, reject) => {
          const socket = new WebSocket(url);
          socket.onopen = () => socket.send('hot reload?');
          socket.onmessage = (event) => resolve(String(event.data));
          socket.onerror = () => reject(new Error('WebSocket failed'));
        }),
      `ws://${new URL(tab.url()).host}/ws`,
    );
    expect(echoed).toBe('echo: hot reload?');
    // The relative link; the server records what the browser sent it.
    await tab.getByRole('link', { name: 'headers' }).click();
    await tab.waitForURL(/\/headers$/);
    const headers = JSON.parse(await tab.locator('body').innerText()) as Record<string, string>;
    expect(headers['host']).toBe(new URL(tab.url()).host);
    const recorded = (await sandboxRun(containerId, 'cat /tmp/headers-5173.log')).toString();
    expect(recorded).toContain('"host"');
    // Berth's cookie lives on 127.0.0.1 and the token never left the workbench's address bar.
    const berthCookies = await context.cookies(server.url);
    expect(berthCookies.map((c) => c.name)).toEqual([expect.stringMatching(/^berth_token_/)]);
    expect(recorded).not.toContain('berth_token');
    expect(recorded).not.toContain(berthCookies[0]!.value);
    expect(recorded).not.toContain(new URL(server.url).searchParams.get('token')!);
    expect(headers['cookie']).toBeUndefined();
    // Opened with noreferrer and under another host name: the page's own request carried
    // neither Berth's address nor its cookie.
    const first = JSON.parse(recorded.split('\n')[0]!) as { path: string; headers: object };
    expect(first.path).toBe('/');
    expect(first.headers).not.toHaveProperty('referer');
    expect(first.headers).not.toHaveProperty('cookie');
    expect(headers['referer'] ?? '').not.toContain('127.0.0.1');
    await tab.close();
  });

  it('4. forwards the ::1-only server, copies its URL, and shows it gone when it stops', async () => {
    const tab = await p.openPort(3000);
    expect(await tab.getByRole('heading', { name: 'Dev server on ::1' }).isVisible()).toBe(true);
    await tab.close();
    await p.copyUrl(3000);
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toMatch(/^http:\/\/localhost:\d+\/$/);
    await p.close();
    // Ctrl-C in the second terminal stops the ::1 server; the 0.0.0.0 one runs on in the background.
    await w.tabs().nth(1).click();
    await page.locator('[role="tabpanel"]:visible .xterm').first().click();
    await page.keyboard.press('Control+C');
    await p.waitForBadge(2);
    await p.open();
    await p.waitForRowText(3000, (row) => row.status.startsWith('Gone'), "port 3000's status");
    await shot('ports-4-gone.png');
  });

  it('5. forwards by number, stops a forward, and marks a port always forwarded', async () => {
    await p.forwardByNumber(70000);
    expect(await p.forwardError()).toMatch(/1 to 65535/);
    await p.forwardByNumber(9090);
    await p.waitForRow(9090);
    await p.stop(9090);
    await poll(
      () => p.ports(),
      (ports) => !ports.includes(9090),
      'port 9090 to go',
    );
    await p.setAlwaysForward(5173, true);
    await p.stop(5173);
    await p.waitForRowText(5173, (row) => row.status === 'Not forwarded', "port 5173's status");
  });

  it('6. ends forwards when the session stops and brings them back when it starts', async () => {
    await p.close();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await w.waitForStatus('stopped', 60_000);
    await p.open();
    await poll(
      () => p.stateText(),
      (t) => /Start the session/.test(t),
      'the stopped text',
    );
    await p.close();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await w.waitForStatus('running', 60_000);
    // The server listens again; its forward comes back on the same local port by itself, and
    // the 0.0.0.0 server, marked "always forward", is forwarded without a click.
    await sandboxRun(
      containerId,
      'cd /tmp/site && setsid nohup python3 -m http.server 8000 --bind 127.0.0.1 >/dev/null 2>&1 </dev/null & ' +
        'setsid nohup python3 /tmp/dev.py 0.0.0.0 5173 >/dev/null 2>&1 </dev/null &',
    );
    await p.waitForBadge(2);
    await p.open();
    await p.waitForRowText(
      8000,
      (row) => row.status === `Forwarded → localhost:${local8000}`,
      "port 8000's status",
    );
    await p.waitForRowText(
      5173,
      (row) => row.status.startsWith('Forwarded → localhost:'),
      "port 5173's status",
    );
    const tab = await context.newPage();
    await tab.goto(`http://localhost:${local8000}/`);
    expect(await tab.getByRole('heading', { name: 'Directory listing for /' }).isVisible()).toBe(
      true,
    );
    await tab.close();
    await shot('ports-6-back.png');
  });
});
