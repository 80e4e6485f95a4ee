import type { IncomingHttpHeaders } from 'node:http';

/** The wire protocols the server speaks: OpenAI chat completions (also OpenAI-compatible), Anthropic Messages, Mistral. */
export type ScriptedProvider = 'openai' | 'anthropic' | 'mistral';

export interface ScriptedToolCall {
  name: string;
  /** The arguments; sent as JSON split across chunks (whole in one chunk for Mistral). */
  input?: unknown;
  /** The arguments exactly as sent, e.g. malformed JSON. Wins over `input`. */
  rawArguments?: string;
  /** Defaults to a fresh id in the provider's own format (Mistral: 9 alphanumerics). */
  id?: string;
}

/** What the "model" answers to one request. The order on the wire: reasoning, text, tool calls. */
export interface ScriptedReply {
  reasoning?: string;
  /** Anthropic's thinking signature (signature_delta); a fixed base64 string by default. */
  signature?: string;
  text?: string;
  toolCalls?: ScriptedToolCall[];
  /** Token counts reported; estimated from the sizes (4 characters a token) by default. */
  usage?: { input: number; output: number };
  /** Defaults to `tool_calls` when there are tool calls, else `stop`. */
  finishReason?: 'stop' | 'tool_calls' | 'length';
  /** Waits this long after the response headers, before the first chunk. */
  delayMs?: number;
  /** Waits this long between chunks. */
  chunkDelayMs?: number;
  /** After the reasoning and text: the provider's mid-stream error event, then the end. */
  errorMidStream?: string;
  /** After the reasoning and text: the socket is destroyed. */
  dropConnection?: boolean;
}

/** An HTTP error instead of a stream. */
export interface ScriptedHttpFailure {
  httpStatus: number;
  /** Sent as JSON (a string as text/plain). Absent: the provider's own error shape with `message`. */
  body?: unknown;
  message?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

export type ScriptedAnswer = ScriptedReply | ScriptedHttpFailure;

/** One entry of the script: an answer, or a function that looks at the request and answers. */
export type ScriptStep =
  ScriptedAnswer | ((request: ScriptedRequest) => ScriptedAnswer | Promise<ScriptedAnswer>);

/** A model call as the server received it. */
export interface ScriptedRequest {
  /** 0 for the first model call the server received, across providers. */
  index: number;
  provider: ScriptedProvider;
  path: string;
  /** Request headers without `authorization` and `x-api-key`. */
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, in the provider's own format. */
  body: Record<string, unknown>;
  model: string;
  stream: boolean;
  /** The system / developer instructions, joined by blank lines. */
  instructions: string;
  /** The names of the tools offered. */
  toolNames: string[];
  /** `body.messages` as sent. */
  messages: unknown[];
  /** The text of the last user message ('' when it holds only tool results). */
  lastUserText: string;
}

/** A `GET …/models` the server received. */
export interface ListingRequest {
  provider: ScriptedProvider;
  path: string;
  headers: IncomingHttpHeaders;
}

/** A model in a `/models` list: an id, or extra fields merged into the provider's entry. */
export type ScriptedModelEntry = string | ({ id: string } & Record<string, unknown>);

/** Everything a wire format needs to know to answer one request. */
export interface WireContext {
  model: string;
  /** Whether the client asked for usage in the stream (OpenAI's stream_options.include_usage). */
  includeUsage: boolean;
  usage: { input: number; output: number };
  finishReason: 'stop' | 'tool_calls' | 'length';
  /** Fresh ids, one per call, in the provider's format. */
  nextToolCallId(): string;
  responseId: string;
}

/** A reply as SSE frames: what comes before a mid-stream failure point, and the rest. */
export interface StreamFrames {
  head: string[];
  tail: string[];
}

/** One provider's wire format. */
export interface Wire {
  stream(reply: ScriptedReply, ctx: WireContext): StreamFrames;
  /** The error event sent for `errorMidStream`. */
  streamError(message: string): string[];
  /** The whole response when the request did not ask for a stream. */
  json(reply: ScriptedReply, ctx: WireContext): unknown;
  /** The provider's error body for an HTTP status. */
  errorBody(status: number, message: string): unknown;
  /** The provider's 401 body for a wrong or missing key. */
  authError(): unknown;
  /** The key the request carries. */
  apiKeyOf(headers: IncomingHttpHeaders): string | undefined;
  modelEntry(entry: ScriptedModelEntry): unknown;
  modelList(entries: unknown[]): unknown;
  idPrefix: string;
  toolCallId(n: number): string;
}
