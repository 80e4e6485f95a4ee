import { argumentsOf, dataFrame, DONE_FRAME, splitArguments, splitText } from './chunking';
import type { ScriptedModelEntry, ScriptedReply, Wire, WireContext } from './types';

/**
 * OpenAI chat completions, as OpenAI, Ollama, llama-server, LM Studio and vLLM stream them and
 * as both @ai-sdk/openai (`.chat`) and @ai-sdk/openai-compatible parse them: every chunk has
 * `choices[].index`; the first delta of a tool call carries its id and name, later ones only
 * argument pieces by `index`; `finish_reason` comes in its own chunk; usage in a last chunk with
 * `choices: []`, only when `stream_options.include_usage` was asked for.
 */
export const openaiWire: Wire = {
  idPrefix: 'chatcmpl-',
  toolCallId: (n) => `call_${String(n).padStart(6, '0')}`,

  stream(reply, ctx) {
    const created = Math.floor(Date.now() / 1000);
    const chunk = (delta: unknown, finishReason: string | null = null) =>
      dataFrame({
        id: ctx.responseId,
        object: 'chat.completion.chunk',
        created,
        model: ctx.model,
        choices: [{ index: 0, delta, finish_reason: finishReason }],
      });
    const head = [chunk({ role: 'assistant', content: '' })];
    for (const piece of splitText(reply.reasoning ?? ''))
      head.push(chunk({ reasoning_content: piece }));
    for (const piece of splitText(reply.text ?? '')) head.push(chunk({ content: piece }));
    const tail: string[] = [];
    (reply.toolCalls ?? []).forEach((call, index) => {
      const id = call.id ?? ctx.nextToolCallId();
      tail.push(
        chunk({
          tool_calls: [
            { index, id, type: 'function', function: { name: call.name, arguments: '' } },
          ],
        }),
      );
      for (const piece of splitArguments(argumentsOf(call))) {
        tail.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
      }
    });
    tail.push(chunk({}, ctx.finishReason));
    if (ctx.includeUsage) {
      tail.push(
        dataFrame({
          id: ctx.responseId,
          object: 'chat.completion.chunk',
          created,
          model: ctx.model,
          choices: [],
          usage: usageOf(ctx, reply),
        }),
      );
    }
    tail.push(DONE_FRAME);
    return { head, tail };
  },

  streamError: (message) => [
    dataFrame({ error: { message, type: 'server_error', param: null, code: null } }),
  ],

  json(reply, ctx) {
    const calls = (reply.toolCalls ?? []).map((call) => ({
      id: call.id ?? ctx.nextToolCallId(),
      type: 'function',
      function: { name: call.name, arguments: argumentsOf(call) },
    }));
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
            content: reply.text ?? null,
            ...(reply.reasoning ? { reasoning_content: reply.reasoning } : {}),
            ...(calls.length > 0 ? { tool_calls: calls } : {}),
          },
          finish_reason: ctx.finishReason,
        },
      ],
      usage: usageOf(ctx, reply),
    };
  },

  errorBody: (status, message) => ({
    error: {
      message,
      type: status === 429 ? 'requests' : status < 500 ? 'invalid_request_error' : 'server_error',
      param: null,
      code: null,
    },
  }),

  authError: () => ({
    error: {
      message: 'Incorrect API key provided',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    },
  }),

  apiKeyOf: (headers) => /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1],

  modelEntry: (entry: ScriptedModelEntry) => ({
    object: 'model',
    created: 1_760_000_000,
    owned_by: 'scripted',
    ...(typeof entry === 'string' ? { id: entry } : entry),
  }),

  modelList: (data) => ({ object: 'list', data }),
};

function usageOf(ctx: WireContext, reply: ScriptedReply) {
  const reasoning = reply.reasoning ? Math.ceil(reply.reasoning.length / 4) : 0;
  return {
    prompt_tokens: ctx.usage.input,
    completion_tokens: ctx.usage.output,
    total_tokens: ctx.usage.input + ctx.usage.output,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: Math.min(reasoning, ctx.usage.output) },
  };
}
