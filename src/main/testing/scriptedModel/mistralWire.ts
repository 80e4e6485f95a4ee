import { argumentsOf, dataFrame, DONE_FRAME, splitText } from './chunking';
import type { ScriptedModelEntry, Wire } from './types';

/**
 * Mistral chat completions as @ai-sdk/mistral parses them: reasoning as `thinking` content
 * parts, each tool call whole in the finishing chunk with a 9-character alphanumeric id, and
 * usage (all three counts) in that same chunk.
 */
export const mistralWire: Wire = {
  idPrefix: '',
  // [a-zA-Z0-9]{9}, as the real API requires of tool-call ids.
  toolCallId: (n) => `T${n.toString(36).padStart(8, '0')}`,

  stream(reply, ctx) {
    const created = Math.floor(Date.now() / 1000);
    const chunk = (delta: unknown, finishReason: string | null = null, usage?: unknown) =>
      dataFrame({
        id: ctx.responseId,
        object: 'chat.completion.chunk',
        created,
        model: ctx.model,
        choices: [{ index: 0, delta, finish_reason: finishReason }],
        ...(usage ? { usage } : {}),
      });
    const head = [chunk({ role: 'assistant', content: '' })];
    for (const piece of splitText(reply.reasoning ?? '')) {
      head.push(
        chunk({ content: [{ type: 'thinking', thinking: [{ type: 'text', text: piece }] }] }),
      );
    }
    for (const piece of splitText(reply.text ?? '')) head.push(chunk({ content: piece }));
    const calls = (reply.toolCalls ?? []).map((call, index) => ({
      id: call.id ?? ctx.nextToolCallId(),
      function: { name: call.name, arguments: argumentsOf(call) },
      index,
    }));
    const usage = {
      prompt_tokens: ctx.usage.input,
      total_tokens: ctx.usage.input + ctx.usage.output,
      completion_tokens: ctx.usage.output,
    };
    const last = calls.length > 0 ? { content: '', tool_calls: calls } : { content: '' };
    return { head, tail: [chunk(last, ctx.finishReason, usage), DONE_FRAME] };
  },

  streamError: (message) => [
    dataFrame({
      object: 'error',
      message,
      type: 'internal_server_error',
      param: null,
      code: '3000',
    }),
  ],

  json(reply, ctx) {
    const calls = (reply.toolCalls ?? []).map((call) => ({
      id: call.id ?? ctx.nextToolCallId(),
      type: 'function',
      function: { name: call.name, arguments: argumentsOf(call) },
    }));
    const content = reply.reasoning
      ? [
          { type: 'thinking', thinking: [{ type: 'text', text: reply.reasoning }] },
          { type: 'text', text: reply.text ?? '' },
        ]
      : (reply.text ?? '');
    return {
      id: ctx.responseId,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: ctx.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content,
            ...(calls.length > 0 ? { tool_calls: calls } : {}),
          },
          finish_reason: ctx.finishReason,
        },
      ],
      usage: {
        prompt_tokens: ctx.usage.input,
        total_tokens: ctx.usage.input + ctx.usage.output,
        completion_tokens: ctx.usage.output,
      },
    };
  },

  errorBody: (status, message) => ({
    object: 'error',
    message,
    type: status < 500 ? 'invalid_request_error' : 'internal_server_error',
    param: null,
    code: null,
  }),

  authError: () => ({ message: 'Unauthorized', request_id: 'scripted' }),

  apiKeyOf: (headers) => /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1],

  modelEntry: (entry: ScriptedModelEntry) => ({
    object: 'model',
    created: 1_760_000_000,
    owned_by: 'mistralai',
    capabilities: { completion_chat: true, function_calling: true, vision: false },
    max_context_length: 131_072,
    ...(typeof entry === 'string' ? { id: entry } : entry),
  }),

  modelList: (data) => ({ object: 'list', data }),
};
