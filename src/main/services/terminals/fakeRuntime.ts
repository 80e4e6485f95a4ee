import { Duplex } from 'node:stream';
import type {
  ExecOptions,
  ExecProcess,
  SandboxRuntime,
  SandboxState,
} from '../sandboxes/sandboxRuntime';
import { terminalMarker } from './shell';

/**
 * For the terminals unit tests: a shell whose output the test writes and whose input it reads,
 * behaving like a `docker exec` TTY stream (bytes out, stream ends when the process does).
 */
export class FakeShell extends Duplex implements ExecProcess {
  readonly stream: Duplex = this;
  input = '';
  size: { cols: number; rows: number };
  private exitCode: number | null | undefined;
  private readonly waiters: ((code: number | null) => void)[] = [];

  constructor(readonly options: ExecOptions) {
    super();
    this.size = { cols: options.cols ?? 80, rows: options.rows ?? 24 };
  }

  get terminalId(): string | undefined {
    return this.options.env?.[terminalMarker];
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** What the program in the terminal prints. */
  print(data: string | Buffer): void {
    this.push(typeof data === 'string' ? Buffer.from(data) : data);
  }

  /** The process ends: the stream ends, then `wait` reports the code. */
  exit(code: number | null): void {
    if (!this.running) return;
    this.exitCode = code;
    this.push(null);
    for (const waiter of this.waiters.splice(0)) waiter(code);
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.input += chunk.toString();
    done();
  }

  async resize(cols: number, rows: number): Promise<void> {
    this.size = { cols, rows };
  }

  wait(): Promise<number | null> {
    if (this.exitCode !== undefined) return Promise.resolve(this.exitCode);
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/**
 * A sandbox runtime with one container whose `exec` starts FakeShells. Its image has no python3,
 * as the engine says it: shells start in a plain TTY exec (the pty helper has its own tests).
 */
export class FakeRuntime implements SandboxRuntime {
  readonly shells: FakeShell[] = [];
  state: SandboxState = 'running';

  async exec(_containerId: string, options: ExecOptions): Promise<ExecProcess> {
    if (this.state !== 'running') throw new Error('container is not running');
    const shell = new FakeShell(options);
    if (options.cmd[0] === 'python3') {
      shell.print(
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "python3": executable file not found in $PATH: unknown\r\n',
      );
      queueMicrotask(() => shell.exit(126));
      return shell;
    }
    if (options.cmd[0] === '/bin/sh') {
      // The end-shell script: hang up the marked shell as SIGHUP would (129 = 128 + 1).
      const id = options.cmd.at(-1);
      for (const target of this.shells) if (target.terminalId === id) target.exit(129);
      queueMicrotask(() => shell.exit(0));
      return shell;
    }
    this.shells.push(shell);
    return shell;
  }

  /** Shells of a terminal, oldest first. */
  shellsOf(terminalId: string): FakeShell[] {
    return this.shells.filter((shell) => shell.terminalId === terminalId);
  }

  /** Stops the container: every shell ends. */
  stopContainer(): void {
    this.state = 'stopped';
    for (const shell of this.shells) shell.exit(137);
  }

  async inspect(containerId: string) {
    return { containerId, state: this.state };
  }

  async ensureImage(): Promise<string> {
    return 'fake:latest';
  }
  async create(): Promise<string> {
    return 'fake-container';
  }
  async start(): Promise<void> {
    this.state = 'running';
  }
  async stop(): Promise<void> {
    this.stopContainer();
  }
  async remove(): Promise<void> {}
  async putArchive(): Promise<void> {
    throw new Error('FakeRuntime has no file system');
  }
}
