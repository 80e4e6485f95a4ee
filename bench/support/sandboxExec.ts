import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { docker } from './rawDocker';

/**
 * Commands a bench runs around its measurements (never inside one): a script in a container as
 * the sandbox user, and the docker CLI as a user would type it.
 */

/** Runs `bash -c script` in a container as `berth`; stdout, or an error carrying stderr. */
export async function execIn(containerId: string, script: string): Promise<string> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: ['bash', '-c', script],
    User: 'berth',
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough().on('data', (chunk: Buffer) => out.push(chunk));
  const stderr = new PassThrough().on('data', (chunk: Buffer) => err.push(chunk));
  docker.modem.demuxStream(stream, stdout, stderr);
  await new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  const { ExitCode } = await exec.inspect();
  if (ExitCode !== 0) {
    const message = Buffer.concat(err).toString('utf8').trim();
    throw new Error(
      `"${script}" exited ${ExitCode ?? 'unknown'} in ${containerId.slice(0, 12)}: ${message}`,
    );
  }
  return Buffer.concat(out).toString('utf8');
}

/** Runs the docker CLI to completion; stdout, or an error carrying stderr. */
export function dockerCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`docker ${args.join(' ')} exited ${code}: ${Buffer.concat(err)}`));
    });
  });
}
