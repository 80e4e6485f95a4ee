import { sentence } from './fieldError';

interface Checkable {
  safeParse(
    value: unknown,
  ): { success: true } | { success: false; error: { issues: { message: string }[] } };
}

/** The contract's own check of one value, as one sentence for the form; null when it passes. */
export function schemaError(schema: Checkable, value: unknown): string | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  return sentence(result.error.issues[0]?.message ?? 'this value is not valid');
}
