import { RpcError, isErrorCode, type Api, type EventName, type EventPayload } from '../contract';
import type { ClientMessage, ServerMessage } from './protocol';
import { Listeners, type Disposer, type Transport } from './transport';

export interface CallOptions {
  /** Aborting sends `cancel`; the call rejects at once. */
  signal?: AbortSignal;
}

/** The contract as the client sees it: every method also takes call options. */
export type ClientApi = {
  [D in keyof Api]: {
    [M in keyof Api[D]]: Api[D][M] extends (input: infer I) => Promise<infer R>
      ? (input: I, options?: CallOptions) => Promise<R>
      : never;
  };
};

export type ConnectionState = 'connected' | 'reconnecting' | 'closed';

export interface RpcClient {
  api: ClientApi;
  /** Listens to one event, optionally for one topic only. Survives reconnects. */
  on<N extends EventName>(
    event: N,
    listener: (payload: EventPayload<N>) => void,
    topic?: string,
  ): Disposer;
  /** Connection state changes (reconnecting after a lost WebSocket, …). */
  onState(listener: (state: ConnectionState) => void): Disposer;
  readonly state: ConnectionState;
  close(): void;
}

export interface ClientOptions {
  /** Makes the pipe; called again after the pipe closes when `reconnect` is set. */
  connect: () => Transport<ServerMessage, ClientMessage>;
  /** Reconnect after a close: delays in ms, the last one repeating (0.25 s … 5 s by default). */
  reconnect?: boolean | number[];
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  cleanup: () => void;
}

interface Subscription {
  event: string;
  topic?: string;
  listener: (payload: unknown) => void;
}

export function createClient(options: ClientOptions): RpcClient {
  const delays = Array.isArray(options.reconnect)
    ? options.reconnect
    : options.reconnect
      ? [250, 500, 1000, 2000, 5000]
      : null;
  const pending = new Map<number, Pending>();
  const subscriptions = new Map<number, Subscription>();
  const stateListeners = new Listeners<[ConnectionState]>();
  let nextId = 1;
  let state: ConnectionState = 'connected';
  let attempt = 0;
  let transport: Transport<ServerMessage, ClientMessage>;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ConnectionState): void => {
    if (state === next) return;
    state = next;
    stateListeners.emit(next);
  };

  const onMessage = (message: ServerMessage): void => {
    if (message.t === 'result') {
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      call.cleanup();
      if (message.ok) call.resolve(message.value);
      else call.reject(toRpcError(message.error));
    } else if (message.t === 'event') {
      subscriptions.get(message.sub)?.listener(message.payload);
    } else if (message.t === 'error') {
      // A protocol error is about a message we sent that could not be read: a bug, not a failure
      // of any one call. Nothing to settle.
      console.warn('rpc protocol error', message.error);
    }
  };

  const onClose = (): void => {
    for (const [id, call] of pending) {
      pending.delete(id);
      call.cleanup();
      call.reject(new RpcError('unavailable', 'The connection to Berth was lost.'));
    }
    if (state === 'closed') return;
    if (!delays) {
      setState('closed');
      return;
    }
    setState('reconnecting');
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1000;
    attempt += 1;
    retryTimer = setTimeout(open, delay);
  };

  function open(): void {
    try {
      transport = options.connect();
    } catch {
      onClose();
      return;
    }
    transport.onMessage(onMessage);
    transport.onClose(onClose);
    for (const [id, sub] of subscriptions) sendSub(id, sub);
    if (state === 'reconnecting') {
      attempt = 0;
      setState('connected');
    }
  }

  const sendSub = (id: number, sub: Subscription): void => {
    transport.send(
      sub.topic === undefined
        ? { t: 'sub', id, event: sub.event }
        : { t: 'sub', id, event: sub.event, topic: sub.topic },
    );
  };

  const call = (method: string, params: unknown, callOptions?: CallOptions): Promise<unknown> => {
    if (state !== 'connected') {
      return Promise.reject(new RpcError('unavailable', 'Not connected to Berth.'));
    }
    const signal = callOptions?.signal;
    if (signal?.aborted) return Promise.reject(abortError());
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        pending.delete(id);
        transport.send({ t: 'cancel', id });
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(id, {
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      transport.send({ t: 'call', id, method, params: params ?? {} });
    });
  };

  const api = new Proxy({} as ClientApi, {
    get: (_target, domain) =>
      typeof domain === 'string'
        ? new Proxy(
            {},
            {
              get: (_t, method) =>
                typeof method === 'string'
                  ? (params: unknown, callOptions?: CallOptions) =>
                      call(`${domain}.${method}`, params, callOptions)
                  : undefined,
            },
          )
        : undefined,
  });

  open();

  return {
    api,
    on(event, listener, topic) {
      const id = nextId++;
      const sub: Subscription = { event, listener: listener as (payload: unknown) => void };
      if (topic !== undefined) sub.topic = topic;
      subscriptions.set(id, sub);
      if (state === 'connected') sendSub(id, sub);
      return () => {
        if (!subscriptions.delete(id)) return;
        if (state === 'connected') transport.send({ t: 'unsub', id });
      };
    },
    onState: (listener) => stateListeners.add(listener),
    get state() {
      return state;
    },
    close() {
      setState('closed');
      clearTimeout(retryTimer);
      transport.close();
    },
  };
}

function toRpcError(shape: { code?: unknown; message?: unknown; data?: unknown }): RpcError {
  const code = isErrorCode(shape.code) ? shape.code : 'internal';
  const message = typeof shape.message === 'string' ? shape.message : 'Unknown error';
  return new RpcError(code, message, shape.data);
}

function abortError(): RpcError {
  return new RpcError('unavailable', 'The call was cancelled.', { cancelled: true });
}
