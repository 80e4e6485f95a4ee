import type { Locator, Page } from 'playwright-core';
import { poll } from './poll';

const matches = (pattern: RegExp | string, text: string): boolean =>
  typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);

/**
 * The agent's chat in the session view, as a user sees it: status strip, activity log, pending
 * approvals and questions, composer. The log is virtualized: only rows in sight are in the DOM,
 * so read the newest rows (the log follows the end) or scroll first.
 */
export class ChatPage {
  constructor(readonly page: Page) {}

  panel(): Locator {
    return this.page.getByRole('region', { name: 'Chat', exact: true });
  }

  // ---- status strip ----

  /** `Working…`, `Awaiting approval`, `Finished`, `Limit reached`, … and the status detail. */
  status(): Locator {
    return this.panel().getByRole('status', { name: 'Agent status', exact: true });
  }

  async waitForStatus(pattern: RegExp | string, timeoutMs = 120_000): Promise<string> {
    return poll(
      () => this.status().innerText(),
      (t) => matches(pattern, t),
      `agent status ${pattern}`,
      timeoutMs,
    );
  }

  /** The agent's status as a data value: idle, running, awaiting_approval, finished, limit, … */
  async statusValue(): Promise<string | null> {
    return this.status().getAttribute('data-status');
  }

  async waitForStatusValue(status: string, timeoutMs = 120_000): Promise<void> {
    await poll(
      () => this.statusValue(),
      (s) => s === status,
      `agent status ${status}`,
      timeoutMs,
    );
  }

  continueButton(): Locator {
    return this.panel().getByRole('button', { name: 'Continue', exact: true });
  }

  async continue(): Promise<void> {
    await this.continueButton().click();
  }

  /** Selects the approval mode by its label: `Auto in the sandbox`, `Ask before commands`, `Read-only`. */
  async setMode(label: 'Auto in the sandbox' | 'Ask before commands' | 'Read-only'): Promise<void> {
    await this.panel()
      .getByRole('combobox', { name: 'Approval mode', exact: true })
      .selectOption({ label });
  }

  /** Opens the plan disclosure and returns its steps' text (`✓ step`, `▸ step`, `○ step`). */
  async plan(): Promise<string[]> {
    return this.readDrawer(/^Plan \d+\/\d+$/, 'Plan');
  }

  /** Opens "Instructions in effect" and returns its lines (AGENTS.md paths, skills). */
  async instructions(): Promise<string[]> {
    return this.readDrawer(/^Instructions in effect/, 'Instructions in effect');
  }

  /** Opens "Files touched" and returns the paths. */
  async touchedFiles(): Promise<string[]> {
    return this.readDrawer(/^Files touched/, 'Files touched');
  }

  // ---- activity log ----

  log(): Locator {
    return this.panel().getByRole('log', { name: 'Activity', exact: true });
  }

  /** The tool rows in sight, e.g. `toolItem('run_command: npm test')`. */
  toolItem(name: string | RegExp): Locator {
    return this.log().getByRole('article', { name, exact: typeof name === 'string' });
  }

  async waitForTool(name: string | RegExp, timeoutMs = 120_000): Promise<Locator> {
    const item = this.toolItem(name).last();
    await item.waitFor({ timeout: timeoutMs });
    return item;
  }

  /** A tool row's state: waiting, running, ok, error, denied, interrupted, stopped. */
  async toolState(item: Locator): Promise<string | null> {
    return item.getAttribute('data-state');
  }

  async waitForToolState(name: string | RegExp, state: string, timeoutMs = 120_000): Promise<void> {
    const item = await this.waitForTool(name, timeoutMs);
    await poll(
      () => this.toolState(item),
      (s) => s === state,
      `${name} ${state}`,
      timeoutMs,
    );
  }

  /** Opens a clipped output ("Show N more lines"), if there is more. */
  async expandTool(item: Locator): Promise<void> {
    const more = item.getByRole('button', { name: /^Show / });
    if ((await more.count()) > 0) await more.first().click();
  }

  /** The messages the user sent, in sight, oldest first. */
  userMessages(): Locator {
    return this.log().getByLabel('Your message', { exact: true });
  }

  /** The model's text rows in sight (rendered markdown). */
  modelTexts(): Locator {
    return this.log().locator('.chat-text');
  }

  async lastModelText(): Promise<string> {
    const texts = this.modelTexts();
    const n = await texts.count();
    return n === 0 ? '' : (await texts.nth(n - 1).innerText()).trim();
  }

  /** The model's text as it streams, before the step ends; empty when nothing streams. */
  async liveText(): Promise<string> {
    const live = this.log().locator('.chat-live');
    return (await live.count()) === 0 ? '' : (await live.innerText()).trim();
  }

  /** The summary card of finished turns in sight. */
  summaries(): Locator {
    return this.log().getByRole('region', { name: 'Summary', exact: true });
  }

  /** Lines such as `Stopped: step limit of 150 reached`, `Stopped by the user.`, retries, errors. */
  notices(): Locator {
    return this.log().locator('.chat-notice');
  }

  async waitForLogText(pattern: RegExp | string, timeoutMs = 120_000): Promise<string> {
    return poll(
      () => this.log().innerText(),
      (t) => matches(pattern, t),
      `chat text ${pattern}`,
      timeoutMs,
    );
  }

  /** "↓ New activity", shown when the user scrolled up and more came. */
  newActivityButton(): Locator {
    return this.panel().getByRole('button', { name: '↓ New activity', exact: true });
  }

  async scrollLogToTop(): Promise<void> {
    await this.log().evaluate((el) => (el.scrollTop = 0));
  }

  async scrollLogUp(pixels = 400): Promise<void> {
    await this.log().evaluate((el, by) => (el.scrollTop -= by), pixels);
  }

  async isLogAtEnd(): Promise<boolean> {
    return this.log().evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 40);
  }

  loadEarlierButton(): Locator {
    return this.log().getByRole('button', { name: /^Load(ing)? earlier/ });
  }

  // ---- approvals and questions ----

  approvals(): Locator {
    return this.panel().getByRole('group', { name: 'Approval', exact: true });
  }

  /** The first pending approval, once it is there. */
  async approval(timeoutMs = 120_000): Promise<Locator> {
    const card = this.approvals().first();
    await card.waitFor({ timeout: timeoutMs });
    return card;
  }

  /** The exact command (or file) the first approval asks about. */
  async approvalSubject(): Promise<string> {
    return (await (await this.approval()).locator('.pending-code').innerText()).trim();
  }

  async approve(): Promise<void> {
    await this.decide(await this.approval(), (card) =>
      card.getByRole('button', { name: 'Approve', exact: true }).click(),
    );
  }

  async approveAlways(): Promise<void> {
    await this.decide(await this.approval(), (card) =>
      card.getByRole('button', { name: 'Approve always', exact: true }).click(),
    );
  }

  /** Deny, with a reason told to the agent (Enter submits it). */
  async deny(reason = ''): Promise<void> {
    await this.decide(await this.approval(), async (card) => {
      await card.getByRole('button', { name: 'Deny', exact: true }).click();
      const field = card.getByRole('textbox', { name: 'Reason for denying', exact: true });
      await field.fill(reason);
      await field.press('Enter');
    });
  }

  questions(): Locator {
    return this.panel().getByRole('group', { name: 'Question', exact: true });
  }

  async question(timeoutMs = 120_000): Promise<Locator> {
    const card = this.questions().first();
    await card.waitFor({ timeout: timeoutMs });
    return card;
  }

  /**
   * Answers the first question card: option labels to click (checkboxes for multi-select),
   * and/or a written answer. One single-choice option answers at once; otherwise Submit.
   */
  async answer(options: { pick?: string[]; other?: string } = {}): Promise<void> {
    await this.decide(await this.question(), async (card) => {
      for (const label of options.pick ?? []) {
        const box = card.getByRole('checkbox', { name: label, exact: true });
        if ((await box.count()) > 0) await box.check();
        else await card.getByRole('button', { name: label, exact: true }).click();
      }
      if (options.other !== undefined) {
        await card
          .getByRole('textbox', { name: /^Other answer/ })
          .first()
          .fill(options.other);
      }
      // One single-choice option answers at once and the card goes; otherwise Submit.
      const submit = card.getByRole('button', { name: 'Submit', exact: true });
      const ready =
        (await submit.count()) > 0 &&
        (await submit.isEnabled({ timeout: 1000 }).catch(() => false));
      if (ready) await submit.click();
    });
  }

  /**
   * Acts on a pending card and waits until it is gone (the host took the decision), so the next
   * `approval()` or `question()` finds the next card, not this one on its way out.
   */
  private async decide(card: Locator, act: (card: Locator) => Promise<void>): Promise<void> {
    const id = await card.getAttribute('data-tool-call-id');
    // Bound to this card, not "the first one": after it goes, the next card is another one.
    await act(id === null ? card : this.panel().locator(`[data-tool-call-id="${id}"]`));
    if (id === null) return;
    const same = this.panel().locator(`[data-tool-call-id="${id}"]`);
    await poll(
      async () => ({
        left: await same.count(),
        error: (await same.getByRole('alert').allInnerTexts()).join(' '),
      }),
      (s) => s.left === 0 || s.error !== '',
      'the pending card to be answered',
    );
    const error = (await same.getByRole('alert').allInnerTexts()).join(' ');
    if (error) throw new Error(`the answer was refused: ${error}`);
  }

  // ---- composer ----

  composer(): Locator {
    return this.panel().getByRole('textbox', { name: 'Message', exact: true });
  }

  /** `Send`, or `Queue` while the agent works. */
  sendButton(): Locator {
    return this.panel().getByRole('button', { name: /^(Send|Queue)$/ });
  }

  stopButton(): Locator {
    return this.panel().getByRole('button', { name: 'Stop the agent', exact: true });
  }

  /** Writes a message and presses Enter. */
  async send(text: string): Promise<void> {
    await this.composer().fill(text);
    await this.composer().press('Enter');
  }

  /** Writes a message and clicks Send/Queue. */
  async sendWithButton(text: string): Promise<void> {
    await this.composer().fill(text);
    await this.sendButton().click();
  }

  async stop(): Promise<void> {
    await this.stopButton().click();
  }

  /** Esc in the composer stops the running turn. */
  async stopWithEscape(): Promise<void> {
    await this.composer().press('Escape');
  }

  /** The error or refusal shown under the composer ('' when none). */
  async composerError(): Promise<string> {
    const error = this.panel().locator('.composer-error');
    return (await error.count()) === 0 ? '' : (await error.innerText()).trim();
  }

  /** The "no model" notice and its "Set up a model" button (opens Settings). */
  noModelNotice(): Locator {
    return this.panel().getByRole('note');
  }

  async openModelSetup(): Promise<Locator> {
    await this.panel().getByRole('button', { name: 'Set up a model', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    return dialog;
  }

  modelSelect(): Locator {
    return this.panel().getByRole('combobox', { name: 'Model', exact: true });
  }

  /** Picks the session's model by its id as listed (`qwen2.5-coder:7b`). */
  async selectModel(modelId: string): Promise<void> {
    await this.modelSelect().selectOption({ label: modelId });
  }

  /** The session's model as the picker shows it. */
  async selectedModel(): Promise<string> {
    return (await this.modelSelect().locator('option:checked').innerText()).trim();
  }

  reasoningSelect(): Locator {
    return this.panel().getByRole('combobox', { name: 'Reasoning effort', exact: true });
  }

  /** Attaches files by path through the file picker. */
  async attach(paths: string | string[]): Promise<void> {
    await this.panel()
      .locator('input[type="file"][aria-label="Files to attach"]')
      .setInputFiles(paths);
  }

  /** Attaches in-memory files (name, mime type, content). */
  async attachBuffers(files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    await this.panel()
      .locator('input[type="file"][aria-label="Files to attach"]')
      .setInputFiles(files);
  }

  /** The attachment chips waiting to be sent. */
  attachmentChips(): Locator {
    return this.panel()
      .getByRole('list', { name: 'Attachments to send', exact: true })
      .getByRole('listitem');
  }

  async removeAttachment(name: string): Promise<void> {
    await this.panel()
      .getByRole('button', { name: `Remove ${name}`, exact: true })
      .click();
  }

  /** Queued messages, as chips above the composer. */
  queuedMessages(): Locator {
    return this.panel()
      .getByRole('list', { name: 'Queued messages', exact: true })
      .getByRole('listitem');
  }

  /** Removes the queued message whose first line starts with `text`. */
  async unqueue(text: string): Promise<void> {
    await this.panel()
      .getByRole('button', { name: new RegExp(`^Remove queued message: ${escape(text)}`) })
      .first()
      .click();
  }

  private async readDrawer(button: RegExp, region: string): Promise<string[]> {
    const toggle = this.panel().getByRole('button', { name: button });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const drawer = this.panel().getByRole('region', { name: region, exact: true });
    const items = await drawer.getByRole('listitem').allInnerTexts();
    return items.map((t) => t.replace(/\s+/g, ' ').trim());
  }
}

/** Settings → Models, inside the Settings dialog. */
export class ModelsSettings {
  constructor(readonly page: Page) {}

  /** Opens Settings from the sidebar; returns the dialog. */
  async open(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = this.dialog();
    await dialog.waitFor();
    return dialog;
  }

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Settings' });
  }

  /** The saved providers, one list item each (named by the provider's name). */
  providers(): Locator {
    return this.dialog()
      .getByRole('list', { name: 'Providers', exact: true })
      .getByRole('listitem');
  }

  provider(name: string): Locator {
    return this.dialog()
      .getByRole('list', { name: 'Providers', exact: true })
      .getByRole('listitem', { name, exact: true });
  }

  /** "Find local servers", then the servers found (one list item each). */
  async findLocalServers(): Promise<Locator> {
    await this.dialog().getByRole('button', { name: 'Find local servers', exact: true }).click();
    await poll(
      () => this.dialog().getByRole('button', { name: 'Looking…' }).count(),
      (n) => n === 0,
      'local server discovery',
    );
    return this.dialog()
      .getByRole('list', { name: 'Local servers', exact: true })
      .getByRole('listitem');
  }

  async addLocalServer(name: string): Promise<void> {
    await this.dialog()
      .getByRole('button', { name: `Add ${name}`, exact: true })
      .click();
  }

  /** The Add provider form (or an Edit form when `name` is given). */
  form(name?: string): Locator {
    return this.dialog().getByRole('form', {
      name: name ? `Edit ${name}` : 'Add provider',
      exact: true,
    });
  }

  /**
   * Fills the Add provider form. `kind` is the option label's start: `OpenAI-compatible`,
   * `Anthropic`, `OpenAI`, `Mistral`.
   */
  async fillProvider(
    fields: {
      kind?: string;
      name?: string;
      baseUrl?: string;
      customUrl?: boolean;
      apiKey?: string;
    },
    form: Locator = this.form(),
  ): Promise<void> {
    if (fields.kind !== undefined) {
      const select = form.getByRole('combobox', { name: 'Kind', exact: true });
      const labels = await select.locator('option').allInnerTexts();
      const label =
        labels.find((l) => l === fields.kind) ?? labels.find((l) => l.startsWith(fields.kind!));
      await select.selectOption({ label: label ?? fields.kind });
    }
    if (fields.name !== undefined)
      await form.getByLabel('Provider name', { exact: true }).fill(fields.name);
    if (fields.customUrl !== undefined) {
      await form.getByRole('checkbox', { name: /^Custom URL/ }).setChecked(fields.customUrl);
    }
    if (fields.baseUrl !== undefined)
      await form.getByLabel('Base URL', { exact: true }).fill(fields.baseUrl);
    if (fields.apiKey !== undefined)
      await form.getByLabel('API key', { exact: true }).fill(fields.apiKey);
  }

  /** Check: resolves to the models line (`3 models: a, b, c.`) or the error shown. */
  async check(form: Locator = this.form()): Promise<{ ok: boolean; text: string }> {
    await form.getByRole('button', { name: 'Check', exact: true }).click();
    await poll(
      () => form.getByRole('button', { name: 'Checking…' }).count(),
      (n) => n === 0,
      'the provider check',
    );
    const result = form.locator('.check-result');
    if ((await result.count()) > 0) return { ok: true, text: (await result.innerText()).trim() };
    return { ok: false, text: (await form.getByRole('alert').allInnerTexts()).join(' ').trim() };
  }

  /** Save: resolves 'saved' when the form reset or closed, or the error it shows. */
  async save(form: Locator = this.form()): Promise<{ ok: boolean; text: string }> {
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await poll(
      () => form.getByRole('button', { name: 'Saving…' }).count(),
      (n) => n === 0,
      'the provider save',
    );
    const alerts = (await form.count()) > 0 ? await form.getByRole('alert').allInnerTexts() : [];
    return alerts.length > 0
      ? { ok: false, text: alerts.join(' ').trim() }
      : { ok: true, text: '' };
  }

  async refresh(name: string): Promise<void> {
    await this.dialog()
      .getByRole('button', { name: `Refresh ${name}`, exact: true })
      .click();
  }

  async edit(name: string): Promise<Locator> {
    await this.dialog()
      .getByRole('button', { name: `Edit ${name}`, exact: true })
      .click();
    return this.form(name);
  }

  async remove(name: string): Promise<void> {
    await this.dialog()
      .getByRole('button', { name: `Remove ${name}`, exact: true })
      .click();
  }

  defaultModelSelect(): Locator {
    return this.dialog().getByRole('combobox', { name: 'Default model', exact: true });
  }

  async setDefaultModel(modelId: string): Promise<void> {
    await this.defaultModelSelect().selectOption({ label: modelId });
  }

  async close(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Close', exact: true }).click();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
