import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../src/shared/rpc';
import {
  say,
  startScriptedModel,
  type ScriptedModelServer,
  makeDefaultModel,
} from '../../src/main/testing/scriptedModel';
import { artifactsDir } from '../fixtures/browser';
import { connect } from '../fixtures/berthClient';
import { openBrowserWorkbench, type BrowserWorkbench } from '../fixtures/browserWorkbench';
import { ChatPage } from '../pages/ChatPage';
import { poll } from '../pages/poll';
import { SharedSessionsPage } from '../pages/SharedSessionsPage';

// Issue 9's teams: two workbenches with their own data directories (Alice's and Bob's) on one
// engine. Bob finds Alice's session under "Shared on this engine", attaches, follows its
// activity live, opens a terminal of his own, and cannot message her agent.
describe('teammates on one engine, end to end in the browser', () => {
  let model: ScriptedModelServer;
  let alice: BrowserWorkbench;
  let bob: BrowserWorkbench;
  let aliceApi: RpcClient;
  let bobPage: Page;
  const name = `team ${Date.now().toString(36)}`;
  const shot = (page: Page, file: string) => page.screenshot({ path: join(artifactsDir, file) });

  beforeAll(async () => {
    model = await startScriptedModel();
    alice = await openBrowserWorkbench('team-alice');
    bob = await openBrowserWorkbench('team-bob');
    bobPage = bob.page;
    aliceApi = connect(alice.server);
    const bobApi = connect(bob.server);
    await aliceApi.api.settings.setGitIdentity({ name: 'Alice', email: 'alice@example.com' });
    await bobApi.api.settings.setGitIdentity({ name: 'Bob', email: 'bob@example.com' });
    bobApi.close();
    await makeDefaultModel(aliceApi.api, model);
  });

  afterAll(async () => {
    aliceApi?.close();
    await bob?.close();
    await alice?.close();
    await model?.close();
  });

  it("1. Bob sees Alice's new session under Shared on this engine, with its owner", async () => {
    await alice.w.createSession(name);
    await alice.w.waitForStatus('running');
    const shared = new SharedSessionsPage(bobPage);
    await shared.waitFor(name);
    // Listed as soon as the sandbox exists; running once it has started.
    const row = await poll(
      () => shared.row(name).innerText(),
      (text) => text.includes('running'),
      'the shared session to show running',
    );
    expect(row).toContain('Alice');
    // Alice's own list does not offer her her own session.
    expect(await new SharedSessionsPage(alice.page).row(name).count()).toBe(0);
    await shot(bobPage, 'teams-1-shared.png');
  });

  it("2. attached, Bob follows Alice's chat live and cannot write to her agent", async () => {
    model.push(say('Hello from Alice’s agent.'));
    await new ChatPage(alice.page).send('Say hello');
    const shared = new SharedSessionsPage(bobPage);
    await shared.attach(name);
    const chat = new ChatPage(bobPage);
    await chat.waitForLogText('Hello from Alice’s agent.', 30_000);
    expect(await chat.composer().count()).toBe(0);
    expect(await chat.panel().innerText()).toMatch(
      /This is Alice’s session: only their workbench runs the agent/,
    );
    expect(await bob.w.sessionItem(name).innerText()).toContain('owner: Alice');

    // What Alice does next arrives in Bob's window as it happens.
    model.push(say('A second reply, live.'));
    await new ChatPage(alice.page).send('Once more');
    await chat.waitForLogText('A second reply, live.', 30_000);
    await shot(bobPage, 'teams-2-attached.png');
  });

  it('3. Bob opens a terminal of his own in the shared sandbox', async () => {
    await bob.w.newTerminal();
    expect(await bob.w.runAndRead('echo bob-$((3*3))')).toBe('bob-9');
    // Alice has no tab of Bob's.
    const aliceSession = (await aliceApi.api.sessions.list({})).find((s) => s.name === name)!;
    expect(await aliceApi.api.terminals.list({ sessionId: aliceSession.id })).toEqual([]);
  });

  it("4. stopping Alice's session from Bob's window asks for her name", async () => {
    await bobPage.getByRole('button', { name: 'Stop', exact: true }).click();
    const dialog = bobPage.getByRole('dialog', { name: "Stop Alice's session" });
    const stop = dialog.getByRole('button', { name: 'Stop', exact: true });
    expect(await stop.isDisabled()).toBe(true);
    await dialog.getByLabel('Owner’s name', { exact: true }).fill('Alic');
    expect(await stop.isDisabled()).toBe(true);
    await shot(bobPage, 'teams-4-confirm.png');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await poll(
      () => dialog.count(),
      (n) => n === 0,
      'the dialog to close',
    );
    const aliceSession = (await aliceApi.api.sessions.list({})).find((s) => s.name === name)!;
    expect(aliceSession.status).toBe('running');
  });
});
