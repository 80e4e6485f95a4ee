import type { ModelMessage, ToolResultPart, UserContent } from 'ai';
import type { AttachmentInput } from '../../../../shared/contract';

/** A tool result as stored in the transcript: text for the model, an error flag. */
export function toolResultMessage(
  toolCallId: string,
  toolName: string,
  output: string,
  isError = false,
): ModelMessage {
  return {
    role: 'tool',
    content: [
      {
        type: 'tool-result',
        toolCallId,
        toolName,
        output: isError ? { type: 'error-text', value: output } : { type: 'text', value: output },
      },
    ],
  };
}

/**
 * The user's message as the model gets it: the text, the review comments it carries, text files
 * inlined with their name, and images as image parts (the caller has checked the model takes
 * images).
 */
export function userMessage(
  text: string,
  attachments: readonly AttachmentInput[],
  review?: string,
): ModelMessage {
  if (attachments.length === 0 && review === undefined) return { role: 'user', content: text };
  const content: Exclude<UserContent, string> = [];
  if (text.trim() !== '') content.push({ type: 'text', text });
  if (review !== undefined) content.push({ type: 'text', text: review });
  for (const a of attachments) {
    if (a.text !== undefined) {
      content.push({ type: 'text', text: `Attached file ${a.name}:\n\`\`\`\n${a.text}\n\`\`\`` });
    } else if (a.data !== undefined) {
      content.push({ type: 'text', text: `Attached image ${a.name}:` });
      content.push({ type: 'image', image: a.data, mediaType: a.mimeType });
    }
  }
  return { role: 'user', content };
}

/**
 * Makes a transcript every provider accepts: each tool call has exactly one result, in the
 * messages right after its assistant message, and no result is left without its call. A call
 * without a result (a crash between the two) gets one saying so; it is never re-run.
 */
export function normalizeTranscript(messages: readonly ModelMessage[]): ModelMessage[] {
  const calls = new Map<string, string>();
  for (const m of messages) {
    if (m.role === 'assistant' && typeof m.content !== 'string') {
      for (const p of m.content) if (p.type === 'tool-call') calls.set(p.toolCallId, p.toolName);
    }
  }
  const answered = new Set<string>();
  const out: ModelMessage[] = [];
  let open: Map<string, string> = new Map();
  const closeOpen = () => {
    for (const [id, name] of open) {
      if (!answered.has(id)) {
        answered.add(id);
        out.push(toolResultMessage(id, name, 'No result: this call was interrupted.', true));
      }
    }
    open = new Map();
  };
  for (const m of messages) {
    if (m.role === 'tool') {
      const content = m.content.filter(
        (p) => p.type !== 'tool-result' || (calls.has(p.toolCallId) && !answered.has(p.toolCallId)),
      );
      for (const p of content) if (p.type === 'tool-result') answered.add(p.toolCallId);
      if (content.length > 0) out.push({ ...m, content });
      continue;
    }
    closeOpen();
    out.push(m);
    if (m.role === 'assistant' && typeof m.content !== 'string') {
      for (const p of m.content) if (p.type === 'tool-call') open.set(p.toolCallId, p.toolName);
    }
  }
  closeOpen();
  return out;
}

/** A rough token count (4 characters a token) for deciding when to compact. */
export function estimateTokens(messages: readonly ModelMessage[]): number {
  return Math.ceil(JSON.stringify(messages).length / 4);
}

const droppedNote =
  '[Older output dropped to fit the context window. Run the tool again if needed.]';

/**
 * Shrinks a transcript that outgrows the model's window, without calling the model: first the
 * output of older tool results is dropped (newest `keepRecent` messages untouched), then, if that
 * is not enough, older exchanges are removed whole (never a tool call without its result). The
 * user's messages are kept, so the task is never lost. The activity log is not touched.
 */
export function compactTranscript(
  messages: readonly ModelMessage[],
  targetTokens: number,
  keepRecent = 6,
): ModelMessage[] {
  const cut = Math.max(0, messages.length - keepRecent);
  let out = messages.map((m, i) => (i < cut && m.role === 'tool' ? dropOutputs(m) : m));
  if (estimateTokens(out) <= targetTokens) return out;
  // Remove the oldest assistant/tool exchanges, keeping user messages and the recent tail.
  const keep = out.map(() => true);
  for (let i = 0; i < cut && estimateTokens(out.filter((_, j) => keep[j])) > targetTokens; i++) {
    if (out[i]!.role === 'assistant' || out[i]!.role === 'tool') keep[i] = false;
  }
  out = out.filter((_, j) => keep[j]);
  return normalizeTranscript(mergeUsers(out));
}

function dropOutputs(m: ModelMessage): ModelMessage {
  if (m.role !== 'tool') return m;
  return {
    ...m,
    content: m.content.map((p) =>
      p.type === 'tool-result'
        ? ({ ...p, output: { type: 'text', value: droppedNote } } as ToolResultPart)
        : p,
    ),
  };
}

/** Two user messages in a row (after removing what was between) become one. */
function mergeUsers(messages: ModelMessage[]): ModelMessage[] {
  const out: ModelMessage[] = [];
  for (const m of messages) {
    const last = out[out.length - 1];
    if (last?.role === 'user' && m.role === 'user') {
      const parts = (c: typeof m.content) =>
        typeof c === 'string' ? [{ type: 'text' as const, text: c }] : c;
      out[out.length - 1] = {
        role: 'user',
        content: [...parts(last.content), ...parts(m.content)],
      };
    } else out.push(m);
  }
  return out;
}
