import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import { DemuxedStream } from './demuxedStream';
import { isMissing, toRpcError } from './dockerErrors';
import type { ExecOptions, ExecProcess } from './sandboxRuntime';
import { workspaceDir } from './containerSpec';

/** Polling backs off from 50 ms (short commands finish at once) to 500 ms (long-lived shells). */
const firstPollMs = 50;
const maxPollMs = 500;

/**
 * Starts `docker exec` in a running container and hands back its stream. The engine answers the
 * upgrade before the process runs, so an exec that is not running and has no exit code yet is
 * taken as still starting, until its stream has closed.
 */
export async function startExec(
  container: Docker.Container,
  options: ExecOptions,
  endpoint: string,
): Promise<ExecProcess> {
  const doing = `Running ${options.cmd[0] ?? 'a command'} in the sandbox`;
  let exec: Docker.Exec;
  let connection: Duplex;
  try {
    exec = await container.exec({
      Cmd: options.cmd,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: options.tty,
      User: options.user ?? 'berth',
      WorkingDir: options.workingDir ?? workspaceDir,
      Env: Object.entries(options.env ?? {}).map(([name, value]) => `${name}=${value}`),
    });
    connection = (await exec.start({ hijack: true, stdin: true, Tty: options.tty })) as Duplex;
  } catch (error) {
    throw toRpcError(error, endpoint, doing, {
      notFound: 'The sandbox is gone; start the session again.',
      conflict: 'The sandbox is not running; start the session first.',
    });
  }

  let closed = false;
  connection.once('close', () => {
    closed = true;
  });
  const stream: Duplex = options.tty ? connection : new DemuxedStream(connection, options.onStderr);

  const resize = async (cols: number, rows: number): Promise<void> => {
    try {
      await exec.resize({ h: rows, w: cols });
    } catch (error) {
      if (closed || isMissing(error)) return;
      const info = await exec.inspect().catch(() => undefined);
      if (info && !info.Running && info.ExitCode !== null) return;
      throw toRpcError(error, endpoint, 'Resizing the terminal');
    }
  };

  let waiting: Promise<number | null> | undefined;
  const wait = (): Promise<number | null> => {
    waiting ??= (async () => {
      let delay = firstPollMs;
      let polledAfterClose = 0;
      for (;;) {
        let info: Docker.ExecInspectInfo;
        try {
          info = await exec.inspect();
        } catch (error) {
          if (isMissing(error)) return null;
          throw toRpcError(error, endpoint, 'Waiting for a process in the sandbox');
        }
        if (!info.Running && info.ExitCode !== null) return info.ExitCode;
        // Three polls after the stream closed without an exit code: the engine cannot tell.
        if (!info.Running && closed && ++polledAfterClose >= 3) return null;
        await sleep(delay);
        delay = Math.min(delay * 2, maxPollMs);
      }
    })();
    return waiting;
  };

  // Docker 20.10 has no ConsoleSize on exec: size the terminal right after the start.
  if (options.tty && options.cols !== undefined && options.rows !== undefined) {
    await resize(options.cols, options.rows);
  }
  return { stream, resize, wait };
}
