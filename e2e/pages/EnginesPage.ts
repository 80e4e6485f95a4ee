import type { Locator, Page } from 'playwright-core';
import { poll } from './poll';

/** An SSH engine as the Add engine form takes it; without `identityFile`, the SSH agent. */
export interface SshEngineFields {
  /** `ssh://user@host[:port]`. */
  address: string;
  name?: string;
  identityFile?: string;
  /** The Docker socket on the host; `/var/run/docker.sock` when absent. */
  socketPath?: string;
}

/** A TCP engine with TLS: the three files are required. */
export interface TlsEngineFields {
  /** `tcp://host:port`. */
  address: string;
  name?: string;
  ca: string;
  cert: string;
  key: string;
}

/** Any field of the form; `keyFile` is the SSH identity file under its label's name. */
export type EngineFields = Partial<Omit<SshEngineFields, 'address'> & TlsEngineFields> & {
  address: string;
  keyFile?: string;
};

/**
 * Settings → Engines as a user sees it: one row per engine (named by the engine, `data-state`
 * its EngineState) with its kind, endpoint and health, a host key to check or a changed one,
 * Reconnect and Remove; below them the Add engine form.
 */
export class EnginesPage {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Settings', exact: true });
  }

  section(): Locator {
    return this.dialog().getByRole('region', { name: 'Engines', exact: true });
  }

  form(): Locator {
    return this.dialog().getByRole('form', { name: 'Add engine', exact: true });
  }

  /** Opens Settings from the sidebar (unless open) and brings Engines into sight. */
  async open(): Promise<Locator> {
    if (!(await this.dialog().isVisible())) {
      await this.page.getByRole('button', { name: 'Settings', exact: true }).click();
    }
    await this.section().scrollIntoViewIfNeeded();
    return this.section();
  }

  async close(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Close', exact: true }).click();
    await this.dialog().waitFor({ state: 'detached' });
  }

  /** One engine's row; its text has the kind, endpoint, health, and any message and hint. */
  engineRow(name: string): Locator {
    return this.section().getByRole('listitem', { name, exact: true });
  }

  /** The same as `engineRow`. */
  row(name: string): Locator {
    return this.engineRow(name);
  }

  /** The engine's state: `connected`, `host_key_unknown`, `docker_unavailable`, … */
  async state(name: string): Promise<string | null> {
    return this.engineRow(name).getAttribute('data-state');
  }

  async waitForState(name: string, state: string, timeoutMs = 30_000): Promise<void> {
    await poll(
      () => this.state(name),
      (s) => s === state,
      `${name} to be ${state}`,
      timeoutMs,
    );
  }

  /** The health in a few words: `connected · 27.3.1 · 0.8 ms`, `host key to check`, … */
  async health(name: string): Promise<string> {
    return (await this.engineRow(name).locator('.engine-row-health').innerText()).trim();
  }

  /** The row's whole text: health, message and hint, host key notice. */
  async text(name: string): Promise<string> {
    return this.engineRow(name).innerText();
  }

  async addSsh(fields: SshEngineFields): Promise<void> {
    await this.add(fields);
  }

  async addTls(fields: TlsEngineFields): Promise<void> {
    await this.add(fields);
  }

  /**
   * Fills the Add engine form (the fields for the address's kind appear once it is typed) and
   * submits it; returns when the form is done, added or refused (see `fieldError`, `formError`).
   */
  async add(fields: EngineFields): Promise<void> {
    const form = this.form();
    await form.getByLabel('Address', { exact: true }).fill(fields.address);
    const fill = async (label: string, value: string | undefined): Promise<void> => {
      if (value !== undefined) await form.getByLabel(label, { exact: true }).fill(value);
    };
    await fill('Engine name', fields.name);
    await fill('Key file', fields.identityFile ?? fields.keyFile);
    await fill('Docker socket on the host', fields.socketPath);
    await fill('CA certificate', fields.ca);
    await fill('Client certificate', fields.cert);
    await fill('Client key', fields.key);
    const submit = form.getByRole('button', { name: /^(Add engine|Adding…)$/ });
    await submit.click();
    await poll(
      () => submit.innerText(),
      (text) => text === 'Add engine',
      'the Add engine form to be done',
    );
  }

  /** The error beside a field of the form (by its label), or null. */
  async fieldError(label: string): Promise<string | null> {
    const input = this.form().getByLabel(label, { exact: true });
    if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
    const id = await input.getAttribute('aria-describedby');
    return id ? (await this.form().locator(`[id="${id}"]`).innerText()).trim() : null;
  }

  /** The form's own error (the server's words when it names no field), or null. */
  async formError(): Promise<string | null> {
    const error = this.form().locator('.form-error');
    return (await error.count()) > 0 ? (await error.innerText()).trim() : null;
  }

  /** The value a field holds: nothing typed is lost when an add is refused. */
  async fieldValue(label: string): Promise<string> {
    return this.form().getByLabel(label, { exact: true }).inputValue();
  }

  /** The fingerprint shown for a host key to check, or a changed one. */
  async presentedFingerprint(name: string): Promise<string> {
    return (await this.engineRow(name).locator('.fingerprint').innerText()).trim();
  }

  trustButton(name: string): Locator {
    return this.engineRow(name).getByRole('button', { name: 'Trust this key', exact: true });
  }

  async trustHostKey(name: string): Promise<void> {
    await this.trustButton(name).click();
  }

  /** The same as `trustHostKey`. */
  async trust(name: string): Promise<void> {
    await this.trustHostKey(name);
  }

  /** The refusal of a changed host key (role alert), or null when the key did not change. */
  async hostKeyWarning(name: string): Promise<string | null> {
    const warning = this.engineRow(name).locator('.host-key[role="alert"]');
    return (await warning.count()) > 0 ? (await warning.innerText()).trim() : null;
  }

  async reconnect(name: string): Promise<void> {
    await this.engineRow(name)
      .getByRole('button', { name: `Reconnect ${name}`, exact: true })
      .click();
  }

  /** Asks to remove the engine; while sessions use it the row says why not (`rowError`). */
  async remove(name: string): Promise<void> {
    await this.engineRow(name)
      .getByRole('button', { name: `Remove ${name}`, exact: true })
      .click();
  }

  /** A refused Reconnect, Remove or trust, said in the row, or null. */
  async rowError(name: string): Promise<string | null> {
    const error = this.engineRow(name).locator('.form-error');
    return (await error.count()) > 0 ? (await error.innerText()).trim() : null;
  }
}
