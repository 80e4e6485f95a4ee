import type { ScriptedHttpFailure, ScriptedReply, ScriptedToolCall } from './types';

/** The model answers with text. */
export const say = (text: string, more: Partial<ScriptedReply> = {}): ScriptedReply => ({
  text,
  ...more,
});

/** The model thinks, then answers with text (if any). */
export const think = (
  reasoning: string,
  text?: string,
  more: Partial<ScriptedReply> = {},
): ScriptedReply => ({ reasoning, ...(text === undefined ? {} : { text }), ...more });

/** The model calls one tool. */
export const callTool = (
  name: string,
  input: unknown,
  more: Partial<ScriptedReply> & { id?: string } = {},
): ScriptedReply => {
  const { id, ...reply } = more;
  return { toolCalls: [{ name, input, ...(id === undefined ? {} : { id }) }], ...reply };
};

/** The model calls one tool with these exact argument characters (e.g. malformed JSON). */
export const callToolRaw = (
  name: string,
  rawArguments: string,
  more: Partial<ScriptedReply> = {},
): ScriptedReply => ({ toolCalls: [{ name, rawArguments }], ...more });

/** The model calls several tools in one step (parallel calls). */
export const callTools = (...toolCalls: ScriptedToolCall[]): ScriptedReply => ({ toolCalls });

/** The provider answers with an HTTP error in its own error shape. */
export const failWith = (httpStatus: number, message?: string): ScriptedHttpFailure => ({
  httpStatus,
  ...(message === undefined ? {} : { message }),
});
