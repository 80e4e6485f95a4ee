import type { Duplex } from 'node:stream';
import Docker from 'dockerode';
import { OutputWatch } from './outputWatch';

/**
 * The baselines: the same operations as Berth, done with dockerode and nothing else (no batching,
 * no RPC, no browser), on the same engine and image, in the same run.
 */
export const docker = new Docker({ socketPath: '/var/run/docker.sock' });

/** Every container a baseline makes carries this label, so a crashed run's leftovers can be found. */
export const benchLabel = 'berth.bench';

/** The terminal environment Berth's shells get (src/main/services/terminals/shell.ts). */
const shellEnv = ['TERM=xterm-256color', 'COLORTERM=truecolor', 'LANG=C.UTF-8'];

export interface RawShell {
  stream: Duplex;
  watch: OutputWatch;
  /** performance.now() when the first prompt (`$ `) arrived; rejects after 60 s without one. */
  firstPrompt: Promise<number>;
  /** Ends the shell (closing the hijacked connection alone would leave it running). */
  close(): Promise<void>;
}

/** `docker exec -it <container> /bin/bash -l` as the sandbox user, hijacked, with a TTY. */
export async function openRawShell(
  containerId: string,
  size?: { cols: number; rows: number },
): Promise<RawShell> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: ['/bin/bash', '-l'],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    User: 'berth',
    WorkingDir: '/workspace',
    Env: shellEnv,
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  const watch = new OutputWatch(stream, `raw exec in ${containerId.slice(0, 12)}`);
  // Waited for before the resize round trip, which the prompt may beat.
  const firstPrompt = watch.waitFor('$ ', 60_000);
  firstPrompt.catch(() => undefined);
  if (size) await exec.resize({ h: size.rows, w: size.cols });
  return {
    stream,
    watch,
    firstPrompt,
    async close() {
      const ended = new Promise<void>((done) => stream.once('close', () => done()));
      // Ctrl+U then exit: bash ends, the engine closes the stream. 5 s guards a stuck engine.
      stream.write('\u0015exit\r');
      await Promise.race([ended, new Promise((done) => setTimeout(done, 5000))]);
      stream.destroy();
    },
  };
}

/** A plain container of `image` that only sleeps: what a sandbox is without Berth's extras. */
export async function createPlainContainer(image: string): Promise<Docker.Container> {
  return docker.createContainer({
    Image: image,
    Cmd: ['sleep', 'infinity'],
    Labels: { [benchLabel]: 'baseline' },
  });
}

export async function removeContainer(id: string): Promise<void> {
  await docker.getContainer(id).remove({ force: true, v: true });
}

/** Removes what earlier, interrupted bench runs left behind (baseline containers only). */
export async function removeLeftoverBaselines(): Promise<void> {
  const leftovers = await docker.listContainers({
    all: true,
    filters: { label: [`${benchLabel}=baseline`] },
  });
  for (const info of leftovers) await removeContainer(info.Id);
}
