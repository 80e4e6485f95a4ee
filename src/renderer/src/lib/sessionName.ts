import { sessionNameSchema } from '../../../shared/contract/sessions';

/** The contract's own rule for session names, as one sentence for the form; null when valid. */
export function sessionNameError(name: string): string | null {
  const result = sessionNameSchema.safeParse(name);
  if (result.success) return null;
  const message = result.error.issues[0]?.message ?? 'name is not valid';
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}
