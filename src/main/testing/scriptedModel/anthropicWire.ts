import { argumentsOf, eventFrame, inputOf, splitArguments, splitText } from './chunking';
import type { ScriptedModelEntry, Wire } from './types';

const stopReason = { stop: 'end_turn', tool_calls: 'tool_use', length: 'max_tokens' } as const;

/** "sig-test" in base64: signatures are opaque to the client, which only sends them back. */
export const DEFAULT_SIGNATURE = 'c2lnLXRlc3Q=';

const errorType = (status: number): string =>
  ({
    400: 'invalid_request_error',
    401: 'authentication_error',
    403: 'permission_error',
    404: 'not_found_error',
    413: 'request_too_large',
    429: 'rate_limit_error',
    529: 'overloaded_error',
  })[status] ?? 'api_error';

/**
 * Anthropic Messages as @ai-sdk/anthropic parses them: named events; a thinking block with a
 * signature_delta; text blocks; tool_use blocks whose input comes as input_json_delta pieces and
 * is emitted at content_block_stop; input tokens in message_start, output tokens in message_delta.
 */
export const anthropicWire: Wire = {
  idPrefix: 'msg_',
  toolCallId: (n) => `toolu_01${String(n).padStart(6, '0')}`,

  stream(reply, ctx) {
    const head = [
      eventFrame('message_start', {
        type: 'message_start',
        message: {
          id: ctx.responseId,
          type: 'message',
          role: 'assistant',
          model: ctx.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: ctx.usage.input, output_tokens: 1 },
        },
      }),
    ];
    let index = 0;
    const block = (frames: string[], start: unknown, deltas: unknown[]) => {
      frames.push(
        eventFrame('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: start,
        }),
      );
      for (const delta of deltas) {
        frames.push(
          eventFrame('content_block_delta', { type: 'content_block_delta', index, delta }),
        );
      }
      frames.push(eventFrame('content_block_stop', { type: 'content_block_stop', index }));
      index++;
    };
    if (reply.reasoning) {
      block(head, { type: 'thinking', thinking: '', signature: '' }, [
        ...splitText(reply.reasoning).map((thinking) => ({ type: 'thinking_delta', thinking })),
        { type: 'signature_delta', signature: reply.signature ?? DEFAULT_SIGNATURE },
      ]);
    }
    if (reply.text) {
      block(
        head,
        { type: 'text', text: '' },
        splitText(reply.text).map((text) => ({ type: 'text_delta', text })),
      );
    }
    const tail = [eventFrame('ping', { type: 'ping' })];
    for (const call of reply.toolCalls ?? []) {
      const id = call.id ?? ctx.nextToolCallId();
      block(tail, { type: 'tool_use', id, name: call.name, input: {} }, [
        { type: 'input_json_delta', partial_json: '' },
        ...splitArguments(argumentsOf(call)).map((partial_json) => ({
          type: 'input_json_delta',
          partial_json,
        })),
      ]);
    }
    tail.push(
      eventFrame('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: stopReason[ctx.finishReason], stop_sequence: null },
        usage: { output_tokens: ctx.usage.output },
      }),
      eventFrame('message_stop', { type: 'message_stop' }),
    );
    return { head, tail };
  },

  streamError: (message) => [
    eventFrame('error', { type: 'error', error: { type: 'overloaded_error', message } }),
  ],

  json(reply, ctx) {
    const content: unknown[] = [];
    if (reply.reasoning) {
      content.push({
        type: 'thinking',
        thinking: reply.reasoning,
        signature: reply.signature ?? DEFAULT_SIGNATURE,
      });
    }
    if (reply.text) content.push({ type: 'text', text: reply.text });
    for (const call of reply.toolCalls ?? []) {
      content.push({
        type: 'tool_use',
        id: call.id ?? ctx.nextToolCallId(),
        name: call.name,
        input: inputOf(call),
      });
    }
    return {
      id: ctx.responseId,
      type: 'message',
      role: 'assistant',
      model: ctx.model,
      content,
      stop_reason: stopReason[ctx.finishReason],
      stop_sequence: null,
      usage: { input_tokens: ctx.usage.input, output_tokens: ctx.usage.output },
    };
  },

  errorBody: (status, message) => ({ type: 'error', error: { type: errorType(status), message } }),

  authError: () => ({
    type: 'error',
    error: { type: 'authentication_error', message: 'invalid x-api-key' },
  }),

  apiKeyOf: (headers) => {
    const key = headers['x-api-key'];
    return Array.isArray(key) ? key[0] : key;
  },

  modelEntry: (entry: ScriptedModelEntry) => {
    const fields = typeof entry === 'string' ? { id: entry } : entry;
    return {
      type: 'model',
      display_name: fields.id,
      created_at: '2025-09-29T00:00:00Z',
      ...fields,
    };
  },

  modelList: (data) => ({
    data,
    has_more: false,
    first_id: (data[0] as { id?: string } | undefined)?.id ?? null,
    last_id: (data.at(-1) as { id?: string } | undefined)?.id ?? null,
  }),
};
