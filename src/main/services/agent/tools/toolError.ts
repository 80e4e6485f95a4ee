import type { ToolOutcome } from './toolTypes';

/** A problem the model can act on (a miss, a bad path): told to it, never thrown. */
export function toolError(message: string): ToolOutcome {
  return { status: 'error', modelOutput: message, summary: message };
}
