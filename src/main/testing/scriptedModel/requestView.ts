import type { IncomingHttpHeaders } from 'node:http';
import type { ScriptedProvider, ScriptedRequest } from './types';

interface Message {
  role?: unknown;
  content?: unknown;
}

/** The text of a message's content: a string, or the `text` parts of an array. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(
      (p): p is { type: 'text'; text: string } => p?.type === 'text' && typeof p.text === 'string',
    )
    .map((p) => p.text)
    .join('\n');
}

/** Tool names from OpenAI/Mistral `{type:'function', function:{name}}` or Anthropic `{name}`. */
function toolNamesOf(tools: unknown): string[] {
  if (!Array.isArray(tools)) return [];
  return tools
    .map((t: { name?: unknown; function?: { name?: unknown } }) => t?.function?.name ?? t?.name)
    .filter((n): n is string => typeof n === 'string');
}

/** A model call with the parts tests look at most pulled out of the provider's own format. */
export function describeRequest(
  index: number,
  provider: ScriptedProvider,
  path: string,
  headers: IncomingHttpHeaders,
  body: Record<string, unknown>,
): ScriptedRequest {
  const messages = Array.isArray(body.messages) ? (body.messages as Message[]) : [];
  const instructions =
    provider === 'anthropic'
      ? [textOf(body.system)]
      : messages
          .filter((m) => m.role === 'system' || m.role === 'developer')
          .map((m) => textOf(m.content));
  const lastUser = messages.findLast((m) => m.role === 'user');
  return {
    index,
    provider,
    path,
    headers,
    body,
    model: typeof body.model === 'string' ? body.model : '',
    stream: body.stream === true,
    instructions: instructions.filter((s) => s !== '').join('\n\n'),
    toolNames: toolNamesOf(body.tools),
    messages,
    lastUserText: lastUser ? textOf(lastUser.content) : '',
  };
}
