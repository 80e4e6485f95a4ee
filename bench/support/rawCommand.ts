import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import { docker } from './rawDocker';

export interface RawCommandResult {
  output: string;
  exitCode: number | null;
  /** Exec created → output read to its end → exit code known. */
  ms: number;
}

/**
 * The baseline of one agent command: `bash -lc <command>` as the sandbox user through a plain
 * dockerode exec, stdout and stderr read to the end, then the exit code from the engine (what
 * an agent needs to know besides the output). Nothing else: no wrapper, no process group, no
 * log.
 */
export async function rawCommand(
  containerId: string,
  command: string,
  cwd: string,
): Promise<RawCommandResult> {
  const t0 = performance.now();
  const exec = await docker.getContainer(containerId).exec({
    Cmd: ['bash', '-lc', command],
    User: 'berth',
    WorkingDir: cwd,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  const sink = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));
  docker.modem.demuxStream(stream, sink, sink);
  await new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  // The demuxer writes into the sink; its end comes after the last of that data.
  const drained = new Promise((resolve) => sink.once('end', resolve));
  sink.end();
  await drained;
  const { ExitCode } = await exec.inspect();
  const ms = performance.now() - t0;
  return { output: Buffer.concat(chunks).toString('utf8'), exitCode: ExitCode ?? null, ms };
}
