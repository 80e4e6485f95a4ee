import { RpcError } from '../../../shared/contract/errors';
import { errorMessage } from './errorMessage';

/** A failed call's message and the form field it belongs to (null: the form as a whole). */
export interface FieldError {
  field: string | null;
  message: string;
}

/**
 * Where a server error goes in a form. Services name the field in `data.field`
 * (`repositories.1.source`); the contract's own schema check lists zod issues in `data.issues`,
 * whose first path is the field and whose message is the sentence to show.
 */
export function fieldErrorOf(error: unknown): FieldError {
  if (error instanceof RpcError && typeof error.data === 'object' && error.data !== null) {
    const data = error.data as { field?: unknown; issues?: unknown };
    if (typeof data.field === 'string' && data.field !== '') {
      return { field: data.field, message: error.message };
    }
    const issue = Array.isArray(data.issues) ? (data.issues[0] as unknown) : undefined;
    if (isIssue(issue)) {
      return {
        field: issue.path.length > 0 ? issue.path.join('.') : null,
        message: sentence(issue.message),
      };
    }
  }
  return { field: null, message: errorMessage(error) };
}

/** `name must not be empty` → `Name must not be empty.` */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capital = `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}`;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function isIssue(value: unknown): value is { path: string[]; message: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { path?: unknown; message?: unknown };
  return Array.isArray(v.path) && typeof v.message === 'string';
}
