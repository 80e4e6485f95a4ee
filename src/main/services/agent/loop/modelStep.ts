import {
  APICallError,
  streamText,
  type LanguageModel,
  type ModelMessage,
  type ProviderMetadata,
  type ToolSet,
} from 'ai';

export interface StepToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
  /** Set when the model's call could not be used (bad JSON, unknown tool, wrong types). */
  invalid?: string;
}

export interface ModelStepResult {
  /** The step's assistant message(s), ready to store in the transcript. */
  messages: ModelMessage[];
  text: string;
  reasoning: string;
  toolCalls: StepToolCall[];
  usage: { inputTokens: number; outputTokens: number };
  finishReason: string;
}

export interface ModelStepRequest {
  model: LanguageModel;
  instructions: string;
  messages: ModelMessage[];
  tools: ToolSet;
  reasoning?: Parameters<typeof streamText>[0]['reasoning'];
  providerOptions?: Record<string, Record<string, unknown>>;
  maxOutputTokens?: number;
  signal: AbortSignal;
  onDelta(kind: 'text' | 'reasoning', text: string): void;
}

/** A model call that failed; `retryable` when trying the same step again may work. */
export class ModelStepError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly contextOverflow = false,
  ) {
    super(message);
  }
}

/** The user pressed Stop while the model was answering; `partialText` is what had arrived. */
export class StepStoppedError extends Error {
  constructor(readonly partialText: string) {
    super('stopped by the user');
  }
}

/**
 * One model call: streams its text to `onDelta` and returns the step whole. The tools have no
 * `execute`, so the SDK stops after the model's answer and the loop runs the calls itself (with
 * its policy, approvals and persistence). Opening the stream is retried by the SDK (2 tries);
 * a failure after that is a ModelStepError for the loop to retry from the stored transcript.
 */
export async function runModelStep(request: ModelStepRequest): Promise<ModelStepResult> {
  let text = '';
  let reasoning = '';
  let failure: unknown;
  const calls: StepToolCall[] = [];
  const result = streamText({
    model: request.model,
    instructions: request.instructions,
    messages: request.messages,
    tools: request.tools,
    abortSignal: request.signal,
    maxRetries: 2,
    ...(request.reasoning ? { reasoning: request.reasoning } : {}),
    ...(request.providerOptions
      ? { providerOptions: request.providerOptions as Record<string, ProviderMetadata[string]> }
      : {}),
    ...(request.maxOutputTokens ? { maxOutputTokens: request.maxOutputTokens } : {}),
    // A stream that stops sending is as good as dropped: 60 s to the first chunk, 120 s between.
    timeout: { firstChunkMs: 60_000, chunkMs: 120_000 },
    onError: () => {
      // Errors arrive as `error` parts below; the SDK's default logs them to the console.
    },
  });
  try {
    for await (const part of result.stream) {
      switch (part.type) {
        case 'text-delta':
          text += part.text;
          request.onDelta('text', part.text);
          break;
        case 'reasoning-delta':
          reasoning += part.text;
          request.onDelta('reasoning', part.text);
          break;
        case 'tool-call':
          calls.push({
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            input: part.input,
            ...(part.dynamic && part.invalid ? { invalid: describeInvalid(part) } : {}),
          });
          break;
        case 'error':
          failure ??= part.error;
          break;
        case 'abort':
          // Without the user's Stop, an abort is the SDK's chunk timeout: the stream went quiet.
          if (!request.signal.aborted) {
            failure ??= new ModelStepError('the model stopped sending for too long', true);
          }
          break;
        default:
          break;
      }
    }
  } catch (error) {
    failure ??= error;
  }
  if (request.signal.aborted) throw new StepStoppedError(text);
  if (failure !== undefined) throw toStepError(failure);
  const [responseMessages, usage, finishReason] = await Promise.all([
    result.responseMessages,
    result.usage,
    result.finishReason,
  ]);
  return {
    messages: sanitizeAssistant(responseMessages as ModelMessage[], calls),
    text,
    reasoning,
    toolCalls: calls,
    usage: { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 },
    finishReason,
  };
}

function describeInvalid(part: { toolName: string; input: unknown; error?: unknown }): string {
  const why = part.error instanceof Error ? part.error.message : String(part.error ?? 'invalid');
  const raw = typeof part.input === 'string' ? part.input : JSON.stringify(part.input);
  return `Invalid call to ${part.toolName}: ${why.slice(0, 2000)}. Your arguments were: ${raw.slice(0, 2000)}. Call an existing tool with arguments that match its schema.`;
}

/**
 * Keeps the assistant message only (the loop writes every tool result itself) and replaces the
 * input of an invalid call by `{}`: providers replay inputs as JSON objects, and an unparsable
 * string would make every later request fail. The model sees what it sent in the error result.
 */
function sanitizeAssistant(messages: ModelMessage[], calls: StepToolCall[]): ModelMessage[] {
  const invalid = new Set(calls.filter((c) => c.invalid).map((c) => c.toolCallId));
  return messages
    .filter((m) => m.role === 'assistant')
    .map((m) => {
      if (typeof m.content === 'string' || invalid.size === 0) return m;
      return {
        ...m,
        content: m.content.map((part) =>
          part.type === 'tool-call' && invalid.has(part.toolCallId) ? { ...part, input: {} } : part,
        ),
      } as ModelMessage;
    });
}

const overflowPattern =
  /context.{0,20}(length|window)|too many tokens|prompt is too long|maximum context|context_length_exceeded/i;

/** The provider's own message, and whether trying again may help. */
export function toStepError(error: unknown): ModelStepError {
  if (error instanceof ModelStepError) return error;
  if (APICallError.isInstance(error)) {
    const message = providerMessage(error.responseBody) ?? error.message;
    return new ModelStepError(
      `${message}${error.statusCode ? ` (HTTP ${error.statusCode})` : ''}`,
      error.isRetryable,
      overflowPattern.test(message),
    );
  }
  const message =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error !== null
        ? (providerMessage(JSON.stringify(error)) ?? JSON.stringify(error))
        : String(error);
  // Errors inside the stream (overloaded, a dropped connection) are worth another try.
  return new ModelStepError(message, !overflowPattern.test(message), overflowPattern.test(message));
}

function providerMessage(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as {
      error?: { message?: string } | string;
      message?: string;
    };
    if (typeof parsed.error === 'string') return parsed.error;
    return parsed.error?.message ?? parsed.message;
  } catch {
    return undefined;
  }
}
