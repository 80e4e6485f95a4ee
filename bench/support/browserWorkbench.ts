import type { Page } from 'playwright-core';
import { launchChromium } from '../../e2e/fixtures/browser';
import { startBerth, type BerthServer } from '../../e2e/fixtures/berthServer';
import { WorkbenchPage } from '../../e2e/pages/WorkbenchPage';
import { installSocketClock } from './pageProbe';
import { docker } from './rawDocker';

/** Browser mode in Chromium with one running session and one terminal at an idle prompt. */
export interface BrowserWorkbench {
  server: BerthServer;
  page: Page;
  workbench: WorkbenchPage;
  /** The session's sandbox, for the raw baseline in the very same container. */
  containerId: string;
  close(): Promise<void>;
}

/** Where the sandbox's label says which session it belongs to (sandboxRuntime.ts sandboxLabels). */
const sessionNameLabel = 'berth.session-name';

/**
 * Starts `berth serve` on a temporary data directory, opens it in Chromium with xterm's DOM
 * renderer (BUILD-MACHINES.md: WebGL is software-rendered headless), creates a session through
 * the UI and opens a terminal in it. `close` also removes the sandbox: stopping the server keeps
 * sandboxes, as it should for a user.
 */
export async function openWorkbench(sessionName: string): Promise<BrowserWorkbench> {
  const server = await startBerth();
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const close = async (): Promise<void> => {
    await chromium?.close();
    await server.stop();
    await removeSandboxes(sessionName);
  };
  try {
    chromium = await launchChromium();
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const workbench = new WorkbenchPage(page);
    await installSocketClock(page);
    await workbench.open(server.url);
    await workbench.createSession(sessionName);
    await workbench.waitForStatus('running');
    await workbench.newTerminal();
    const containerId = await sandboxOf(sessionName);
    return { server, page, workbench, containerId, close };
  } catch (error) {
    const logs = server.logs();
    await close().catch(() => undefined);
    throw new Error(`${(error as Error).message}\nberth serve stderr:\n${logs}`, { cause: error });
  }
}

async function sandboxOf(sessionName: string): Promise<string> {
  const found = await docker.listContainers({
    filters: { label: [`${sessionNameLabel}=${sessionName}`] },
  });
  const id = found[0]?.Id;
  if (!id) throw new Error(`no running sandbox is labelled ${sessionNameLabel}=${sessionName}`);
  return id;
}

async function removeSandboxes(sessionName: string): Promise<void> {
  const label = { label: [`${sessionNameLabel}=${sessionName}`] };
  for (const info of await docker.listContainers({ all: true, filters: label })) {
    await docker.getContainer(info.Id).remove({ force: true, v: true });
  }
  const { Volumes } = await docker.listVolumes({ filters: label });
  for (const volume of Volumes ?? []) await docker.getVolume(volume.Name).remove();
}
