import type { FieldError } from '../../lib/fieldError';
import { repositoryField, type RepositoryPart } from './repositoryDraft';

/** The project form's errors, each where it belongs. */
export interface ProjectErrors {
  name?: string;
  /** About the list as a whole (too many, a name twice). */
  repositories?: string;
  /** By row key, then field. */
  rows: Record<string, Partial<Record<RepositoryPart, string>>>;
  /** Anything that names no field: shown at the bottom of the form. */
  form?: string;
}

export const noErrors: ProjectErrors = { rows: {} };

/**
 * Puts a server error beside the field it names. `repositories.N.…` counts the rows that were
 * sent, so `sentKeys[N]` is the row on screen.
 */
export function placeProjectError(error: FieldError, sentKeys: string[]): ProjectErrors {
  const { field, message } = error;
  if (field === 'name') return { rows: {}, name: message };
  const row = field === null ? null : repositoryField(field);
  const key = row ? sentKeys[row.index] : undefined;
  if (row && key !== undefined) return { rows: { [key]: { [row.part]: message } } };
  if (field !== null && field.startsWith('repositories')) {
    return { rows: {}, repositories: message };
  }
  return { rows: {}, form: message };
}

/** The errors without the one for a field the user has just changed. */
export function clearRowError(
  errors: ProjectErrors,
  key: string,
  part: RepositoryPart,
): ProjectErrors {
  const row = errors.rows[key];
  if (!row?.[part]) return errors;
  const rest = { ...row };
  delete rest[part];
  return { ...errors, rows: { ...errors.rows, [key]: rest } };
}
