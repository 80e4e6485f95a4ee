import { helperCommand } from '../../sandboxes/helperScripts';
import type { SandboxRuntime } from '../../sandboxes/sandboxRuntime';
import {
  RelayClient,
  defaultRelayOptions,
  type RelayHandlers,
  type RelayOptions,
} from './relayClient';

/** How long a starting relay may take to say hello. */
const helloTimeoutMs = 15_000;

/**
 * Starts the relay in a running sandbox: one `docker exec` without a TTY (a TTY would mangle
 * bytes) as the sandbox user, so it sees that user's processes behind their sockets. It runs
 * from the exec's arguments, so nothing is written into the sandbox. Resolves once the relay
 * has said hello; rejects with what it printed when it could not start.
 */
export async function startRelay(
  runtime: SandboxRuntime,
  containerId: string,
  handlers: RelayHandlers,
  options: RelayOptions = defaultRelayOptions,
): Promise<RelayClient> {
  let stderr = '';
  const process = await runtime.exec(containerId, {
    ...helperCommand('relay/berth-relay.py', [
      String(options.windowBytes),
      String(options.idleSeconds),
    ]),
    tty: false,
    workingDir: '/',
    onStderr: (chunk) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    },
  });
  const client = new RelayClient(process, handlers, options);
  const timer = setTimeout(
    () => client.close(new Error('The port relay did not start in time.')),
    helloTimeoutMs,
  );
  try {
    await client.ready;
  } catch (error) {
    const detail = stderr.trim().split('\n').at(-1) || (error as Error).message;
    const hint = /python3.*not found|No such file/i.test(detail)
      ? ' Ports need python3 in the sandbox image.'
      : '';
    throw new Error(`The port relay could not start in the sandbox: ${detail}${hint}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
  return client;
}
