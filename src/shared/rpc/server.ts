import { z } from 'zod';
import {
  RpcError,
  eventNames,
  inputSchemas,
  type Api,
  type EventName,
  type RpcErrorShape,
} from '../contract';
import type { ServerMessage } from './protocol';
import type { Disposer, Transport } from './transport';

/** What a handler learns about the call besides its input. */
export interface CallContext {
  /** Aborted when the client cancels the call or disconnects. */
  signal: AbortSignal;
  connectionId: string;
}

/** The services, one object per domain. Methods may take the call context as a second argument. */
export type Handlers = { [D in keyof Api]: Api[D] };

/** Where the server finds events to forward; the host's event bus implements it. */
export interface EventSource {
  subscribe(
    event: EventName,
    topic: string | undefined,
    listener: (payload: unknown, topic: string | undefined) => void,
  ): Disposer;
}

export interface ServerOptions {
  handlers: Handlers;
  events: EventSource;
  /** Called with unexpected (internal) errors; defaults to console.error. */
  onInternalError?: (error: unknown, method: string) => void;
}

const id = z.number().int().nonnegative();
const clientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id, method: z.string().max(100), params: z.unknown() }),
  z.object({ t: z.literal('cancel'), id }),
  z.object({
    t: z.literal('sub'),
    id,
    event: z.string().max(100),
    topic: z.string().max(200).optional(),
  }),
  z.object({ t: z.literal('unsub'), id }),
]);

let connectionCounter = 0;

/**
 * Serves the contract on one connection until it closes. Only methods that have an input schema
 * in the contract are dispatched (the runtime allow-list); every input is parsed by its schema
 * before a handler sees it.
 */
export function serveConnection(
  transport: Transport<unknown, ServerMessage>,
  options: ServerOptions,
): Disposer {
  const connectionId = `c${++connectionCounter}`;
  const running = new Map<number, AbortController>();
  const subscriptions = new Map<number, Disposer>();
  const onInternalError =
    options.onInternalError ?? ((error, method) => console.error(`rpc ${method} failed`, error));

  const reply = (callId: number, result: Promise<unknown>, method: string): void => {
    result.then(
      (value) => {
        if (!running.delete(callId)) return;
        transport.send({ t: 'result', id: callId, ok: true, value: value ?? null });
      },
      (error: unknown) => {
        if (!running.delete(callId)) return;
        const shape = toErrorShape(error);
        if (shape.code === 'internal') onInternalError(error, method);
        transport.send({ t: 'result', id: callId, ok: false, error: shape });
      },
    );
  };

  const dispatch = (method: string, params: unknown, signal: AbortSignal): Promise<unknown> => {
    const [domain, name, ...rest] = method.split('.');
    const schemas =
      domain !== undefined && Object.hasOwn(inputSchemas, domain)
        ? (inputSchemas as Record<string, Record<string, z.ZodType>>)[domain]
        : undefined;
    const schema =
      schemas && name !== undefined && Object.hasOwn(schemas, name) && rest.length === 0
        ? schemas[name]
        : undefined;
    if (!schema) return Promise.reject(new RpcError('not_found', `Unknown method "${method}".`));
    const parsed = schema.safeParse(params ?? {});
    if (!parsed.success) {
      return Promise.reject(
        new RpcError('invalid_input', `${method}: ${describeIssues(parsed.error)}`, {
          issues: parsed.error.issues.map((issue) => ({
            path: issue.path.map(String),
            message: issue.message,
          })),
        }),
      );
    }
    const service = (options.handlers as unknown as Record<string, Record<string, unknown>>)[
      domain!
    ];
    const fn = service?.[name!];
    if (typeof fn !== 'function') {
      return Promise.reject(new RpcError('not_found', `Method "${method}" is not available here.`));
    }
    const context: CallContext = { signal, connectionId };
    try {
      return Promise.resolve(fn.call(service, parsed.data, context));
    } catch (error) {
      return Promise.reject(error);
    }
  };

  const onMessage = (raw: unknown): void => {
    const parsed = clientMessage.safeParse(raw);
    if (!parsed.success) {
      transport.send({
        t: 'error',
        error: {
          code: 'invalid_input',
          message: `Malformed message: ${describeIssues(parsed.error)}`,
        },
      });
      return;
    }
    const message = parsed.data;
    switch (message.t) {
      case 'call': {
        if (running.has(message.id)) {
          transport.send({
            t: 'result',
            id: message.id,
            ok: false,
            error: { code: 'conflict', message: `Call id ${message.id} is already in use.` },
          });
          return;
        }
        const controller = new AbortController();
        running.set(message.id, controller);
        reply(
          message.id,
          dispatch(message.method, message.params, controller.signal),
          message.method,
        );
        return;
      }
      case 'cancel': {
        const controller = running.get(message.id);
        running.delete(message.id);
        controller?.abort();
        return;
      }
      case 'sub': {
        if (!(eventNames as readonly string[]).includes(message.event)) {
          transport.send({
            t: 'error',
            error: { code: 'not_found', message: `Unknown event "${message.event}".` },
          });
          return;
        }
        subscriptions.get(message.id)?.();
        const subId = message.id;
        subscriptions.set(
          subId,
          options.events.subscribe(message.event as EventName, message.topic, (payload, topic) => {
            transport.send(
              topic === undefined
                ? { t: 'event', sub: subId, event: message.event, payload }
                : { t: 'event', sub: subId, event: message.event, topic, payload },
            );
          }),
        );
        return;
      }
      case 'unsub': {
        subscriptions.get(message.id)?.();
        subscriptions.delete(message.id);
        return;
      }
    }
  };

  const disposeMessage = transport.onMessage(onMessage);
  const dispose = (): void => {
    disposeMessage();
    for (const controller of running.values()) controller.abort();
    running.clear();
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  };
  const disposeClose = transport.onClose(dispose);
  return () => {
    disposeClose();
    dispose();
  };
}

export function toErrorShape(error: unknown): RpcErrorShape {
  if (error instanceof RpcError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: message || 'Internal error' };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}
