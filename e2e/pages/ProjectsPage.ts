import type { Locator, Page } from 'playwright-core';

/** One repository as the project dialog takes it: a path or clone URL, optionally more. */
export interface RepositorySpec {
  location: string;
  baseBranch?: string;
  /** Directory name under /workspace (the suggested one when absent). */
  name?: string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The sidebar's projects and the project dialog. */
export class ProjectsPage {
  constructor(readonly page: Page) {}

  nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Projects' });
  }

  item(name: string): Locator {
    return this.nav().getByRole('button', { name: new RegExp(`^${escape(name)}`) });
  }

  /** The open project dialog, new or edit. */
  dialog(): Locator {
    return this.page.getByRole('dialog', { name: /^(New|Edit) project$/ });
  }

  async openNew(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'New project' }).click();
    return this.dialog();
  }

  async openEdit(name: string): Promise<Locator> {
    await this.item(name).click();
    return this.dialog();
  }

  /**
   * Fills repository row `n` (from 1) and waits until Berth has looked at it: the base branch
   * and directory show, or the path gets its error.
   */
  async fillRepository(n: number, repository: RepositorySpec): Promise<void> {
    const dialog = this.dialog();
    const location = dialog.getByLabel(`Repository ${n} path or URL`, { exact: true });
    await location.fill(repository.location);
    await location.press('Enter');
    const directory = dialog.getByLabel(`Repository ${n} directory`, { exact: true });
    const refused = dialog.locator(
      `input[aria-label="Repository ${n} path or URL"][aria-invalid="true"]`,
    );
    await directory.or(refused).first().waitFor({ timeout: 60_000 });
    if (!(await directory.isVisible())) return;
    if (repository.baseBranch !== undefined) {
      await dialog
        .getByLabel(`Repository ${n} base branch`, { exact: true })
        .selectOption(repository.baseBranch);
    }
    if (repository.name !== undefined) await directory.fill(repository.name);
  }

  /** Fills the whole dialog: the name, then one row per repository (adding rows as needed). */
  async fill(name: string, repositories: RepositorySpec[]): Promise<void> {
    const dialog = this.dialog();
    await dialog.getByLabel('Project name', { exact: true }).fill(name);
    for (const [index, repository] of repositories.entries()) {
      const n = index + 1;
      const row = dialog.getByLabel(`Repository ${n} path or URL`, { exact: true });
      if ((await row.count()) === 0) {
        await dialog.getByRole('button', { name: 'Add repository' }).click();
      }
      await this.fillRepository(n, repository);
    }
  }

  /** Clicks "Create project" (or "Save") and waits for the dialog to close or show an error. */
  async submit(timeoutMs = 60_000): Promise<'saved' | 'refused'> {
    const dialog = this.dialog();
    const editing = (await this.page.getByRole('dialog', { name: 'Edit project' }).count()) > 0;
    await dialog.getByRole('button', { name: editing ? 'Save' : 'Create project' }).click();
    const saving = dialog.getByRole('button', { name: 'Saving…' });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await dialog.count()) === 0) return 'saved';
      const settled = (await saving.count()) === 0;
      if (settled && (await dialog.getByRole('alert').count()) > 0) return 'refused';
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('timed out waiting for the project dialog to save or refuse');
  }

  /** Creates a project through the dialog; throws with the dialog's errors if it is refused. */
  async create(name: string, repositories: RepositorySpec[]): Promise<void> {
    await this.openNew();
    await this.fill(name, repositories);
    if ((await this.submit()) === 'refused') {
      const errors = await this.dialog().locator('[role="alert"]').allInnerTexts();
      throw new Error(`project "${name}" was refused: ${errors.join(' | ')}`);
    }
  }

  /** The error shown beside a field of the open dialog (by its exact label), or null. */
  async fieldError(label: string): Promise<string | null> {
    const field = this.dialog().getByLabel(label, { exact: true });
    const id = await field.getAttribute('aria-describedby');
    if (!id) return null;
    return (await this.dialog().locator(`[id="${id}"]`).innerText()).trim();
  }

  /** Errors of the open dialog that belong to no field (shown at the bottom). */
  async formErrors(): Promise<string[]> {
    return this.dialog().locator('.form-error[role="alert"]').allInnerTexts();
  }

  /** Deletes a project through its Edit dialog and the confirm step. */
  async delete(name: string): Promise<void> {
    const dialog = await this.openEdit(name);
    await dialog.getByRole('button', { name: 'Delete project' }).click();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }
}
