import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createHost, type Host } from '../host';
import { rendererDir } from '../paths';
import { DataDirInUseError } from '../storage/dataDirLock';
import { checkBindHost, isLoopbackHost } from '../web/bindAddress';
import { startWebServer, type WebServer } from '../web/webServer';
import { UsageError, type Command } from './command';
import { defaultDataDir } from './dataDir';
import { openBrowser } from './openBrowser';
import { routeConsoleToStderr } from './stdio';

/** If closing the server and the host hangs (a stuck Docker call), give up after 10 s. */
const shutdownLimitMs = 10_000;

export const serveCommand: Command = {
  summary: 'Run the workbench in your browser (prints its address)',
  usage: `Usage: berth serve [options]

Runs the workbench and serves it to your browser. Prints one line with its address; open it.

Options:
  --data-dir DIR   where sessions are stored (default: ${defaultDataDir()})
  --port N         port to listen on (default: any free port)
  --host ADDR      address to listen on (default: 127.0.0.1)
  --allow-remote   allow --host to be an address other machines can reach
  --open           open the address in your browser
  -h, --help       show this help`,
  run: serve,
};

async function serve(args: string[]): Promise<number> {
  const options = parseServeArgs(args);
  routeConsoleToStderr();
  const log = (message: string): void => console.error(message);
  checkBindHost(options.bindHost, options.allowRemote);
  // 0700: the database holds conversations and the data-dir owner file names this process.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });

  let host: Host;
  try {
    host = await createHost({ dataDir: options.dataDir });
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      log(error.message);
      return 2;
    }
    throw error;
  }

  let server: WebServer;
  try {
    server = await startWebServer({
      host,
      port: options.port,
      bindHost: options.bindHost,
      allowRemote: options.allowRemote,
      rendererDir: rendererDir(),
      log,
    });
  } catch (error) {
    await host.dispose();
    log(`Cannot listen on ${options.bindHost}:${options.port}: ${(error as Error).message}`);
    return 1;
  }
  // The token stays out of files: the owner file only says where the workbench is.
  host.describe({ url: new URL('/', server.url).href });
  if (!isLoopbackHost(options.bindHost)) {
    log(
      `Warning: listening on ${options.bindHost}. Anyone who can reach this port and learns the ` +
        'token controls your sandboxes; the connection is not encrypted.',
    );
  }
  await new Promise<void>((done) => {
    process.stdout.write(`Berth is running at ${server.url}\n`, () => done());
  });
  log(`Sessions are stored in ${options.dataDir}. Press Ctrl+C to stop.`);
  if (options.open) openBrowser(server.url, log);

  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      // A second Ctrl+C (or npm forwarding the same signal) must not cut the shutdown short.
      if (stopping) return;
      stopping = true;
      log(`Received ${signal}; stopping Berth…`);
      setTimeout(() => {
        log(`Berth did not stop within ${shutdownLimitMs / 1000} s; exiting anyway.`);
        done(1);
      }, shutdownLimitMs).unref();
      server
        .close()
        .then(() => host.dispose())
        .then(
          () => done(0),
          (error: unknown) => {
            log(`Stopping Berth failed: ${String(error)}`);
            done(1);
          },
        );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

interface ServeOptions {
  dataDir: string;
  port: number;
  bindHost: string;
  allowRemote: boolean;
  open: boolean;
}

function parseServeArgs(args: string[]): ServeOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      open: { type: 'boolean' },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || values.port?.trim() === '') {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  return {
    dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
    port,
    bindHost: values.host ?? '127.0.0.1',
    allowRemote: values['allow-remote'] ?? false,
    open: values.open ?? false,
  };
}
