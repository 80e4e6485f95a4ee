import type { ScriptedToolCall } from './types';

/** Text in chunks of two words (with their spaces), as models stream it. */
export function splitText(text: string): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += 2) chunks.push(words.slice(i, i + 2).join(''));
  return chunks;
}

/** Tool-call arguments in three pieces, so no piece is valid JSON on its own. */
export function splitArguments(json: string): string[] {
  if (json.length < 3) return [json];
  const a = Math.floor(json.length / 3);
  const b = Math.floor((2 * json.length) / 3);
  return [json.slice(0, a), json.slice(a, b), json.slice(b)];
}

export const argumentsOf = (call: ScriptedToolCall): string =>
  call.rawArguments ?? JSON.stringify(call.input ?? {});

/** The arguments as an object, for formats that carry objects (Anthropic's non-streamed tool_use). */
export function inputOf(call: ScriptedToolCall): unknown {
  if (call.rawArguments === undefined) return call.input ?? {};
  try {
    return JSON.parse(call.rawArguments);
  } catch {
    return { raw: call.rawArguments };
  }
}

/** An SSE frame with only a data line (OpenAI, Mistral). */
export const dataFrame = (value: unknown): string => `data: ${JSON.stringify(value)}\n\n`;

/** An SSE frame with an event name (Anthropic). */
export const eventFrame = (event: string, value: unknown): string =>
  `event: ${event}\ndata: ${JSON.stringify(value)}\n\n`;

export const DONE_FRAME = 'data: [DONE]\n\n';

/** A rough token count: 4 characters a token, at least 1. */
export const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));
