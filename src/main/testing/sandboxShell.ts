import Docker from 'dockerode';
import { PassThrough } from 'node:stream';

const docker = new Docker();

/**
 * Runs `bash -c script` in a sandbox straight through the engine (not through Berth), as its
 * user `berth` or as root, and returns stdout as bytes: what a test checks a sandbox with.
 * Stderr is kept apart; a pager never starts.
 */
export async function sandboxRun(
  containerId: string,
  script: string,
  options: { root?: boolean } = {},
): Promise<Buffer> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: ['bash', '-c', script],
    User: options.root ? 'root' : 'berth',
    Env: ['GIT_PAGER=cat', 'PAGER=cat'],
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out: Buffer[] = [];
  const stdout = new PassThrough().on('data', (chunk: Buffer) => out.push(chunk));
  docker.modem.demuxStream(stream, stdout, new PassThrough().resume());
  await new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  return Buffer.concat(out);
}

/** `sandboxRun` as trimmed text. */
export async function sandboxSh(
  containerId: string,
  script: string,
  options: { root?: boolean } = {},
): Promise<string> {
  return (await sandboxRun(containerId, script, options)).toString('utf8').trim();
}
