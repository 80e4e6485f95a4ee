import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Session } from '../src/shared/contract';
import { startHost, type HostHarness } from '../src/main/testing/hostHarness';
import { sandboxSh } from '../src/main/testing/sandboxShell';
import {
  checkResponse,
  execCat,
  httpGet,
  runClient,
  sha256File,
  startHostHttpServer,
  type GetResult,
  type HostHttpServer,
  type Target,
} from './support/portsFixture';
import { compare, publish } from './support/report';
import { repeat, summarize } from './support/stats';
import { dockerCli } from './support/sandboxExec';
import { within } from '../src/main/testing/within';

// Issue 8, ports. One in-process host (real Docker, real SQLite), one session whose sandbox runs
// `python3 -m http.server` on 127.0.0.1:8000, forwarded by api.ports.forward to this machine's
// loopback (one relay exec per sandbox carries every connection). Baseline: the same program
// serving a byte-identical copy of the same files on this machine's own loopback, read by the
// same client (raw-socket HTTP/1.0 in its own Node process) in the same run:
// 1. a 200 MB download of random bytes, MB/s; beside it, `cat` of the same file through a raw
//    dockerode exec: the ceiling of the exec pipe the relay rides on;
// 2. a new connection + `GET /small` until the first response byte, ms.
// Reports only: the machines are shared and noisy, so no timing is asserted. Every response is
// checked (status, Content-Length, body bytes; sha256 once per path), so a broken forward fails
// the run instead of looking fast.

const downloadRuns = 5;
const firstByteRounds = 50;
const bigBytes = 200_000_000;
const smallBytes = 1_024;
const megabytes = bigBytes / 1e6;
const sandboxPort = 8000;
const sandboxDir = '/tmp/berth-ports-bench';
/** The first session may build the sandbox image: minutes on a fresh machine. */
const buildTimeoutMs = 540_000;
const loopback = '127.0.0.1';

const rate = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

describe('ports: a forward of a sandbox server against the same server on this loopback', () => {
  let h: HostHarness;
  let session: Session | undefined;
  let hostServer: HostHttpServer | undefined;
  let hostDir: string | undefined;
  let forwarded: Target;
  let direct: Target;
  let bigSha: string;
  let sandboxPython: string;
  const download = { forward: [] as number[], direct: [] as number[], cat: [] as number[] };
  const firstByte = { forward: [] as number[], direct: [] as number[] };
  const suffix = Date.now().toString(36);

  beforeAll(async () => {
    h = await startHost();
    const created = await h.client.api.sessions.create({ name: `bench ports ${suffix}` });
    session = await h.waitForStatus(created.id, 'running', buildTimeoutMs);
    const id = session.containerId!;

    // The files: random bytes made in the sandbox, copied to this machine by the docker CLI.
    const hashes = await sandboxSh(
      id,
      `set -e; mkdir -p ${sandboxDir}; cd ${sandboxDir}
       head -c ${bigBytes} /dev/urandom > big; head -c ${smallBytes} /dev/urandom > small
       sha256sum big small; python3 --version`,
    );
    const [bigLine, smallLine, version] = hashes.split('\n');
    bigSha = bigLine!.split(' ')[0]!;
    const smallSha = smallLine!.split(' ')[0]!;
    sandboxPython = version!.trim();
    hostDir = mkdtempSync(join(tmpdir(), 'berth-ports-bench-'));
    for (const name of ['big', 'small']) {
      await dockerCli(['cp', `${id}:${sandboxDir}/${name}`, join(hostDir, name)]);
    }
    const copies = [
      await sha256File(join(hostDir, 'big')),
      await sha256File(join(hostDir, 'small')),
    ];
    if (copies[0] !== bigSha || copies[1] !== smallSha) {
      throw new Error(`the host copy differs: ${copies.join(' ')} vs ${bigSha} ${smallSha}`);
    }

    // The servers: the same program in the sandbox (forwarded) and here.
    await sandboxSh(
      id,
      `cd ${sandboxDir} && setsid nohup python3 -m http.server ${sandboxPort} --bind ${loopback} >/dev/null 2>&1 < /dev/null &`,
    );
    await within(
      'the sandbox server in ports.list',
      async () => {
        const view = await h.client.api.ports.list({ sessionId: session!.id });
        return view.listening.some((p) => p.port === sandboxPort) ? true : undefined;
      },
      15_000,
    );
    const forward = await h.client.api.ports.forward({ sessionId: session.id, port: sandboxPort });
    if (forward.status !== 'active' || forward.localPort === undefined) {
      throw new Error(`the forward is ${forward.status}: ${forward.error ?? ''}`);
    }
    forwarded = { host: loopback, port: forward.localPort };
    hostServer = await startHostHttpServer(hostDir);
    direct = { host: loopback, port: hostServer.port };

    // Unmeasured warm-up, and the one full check of each path: every byte, by sha256. It also
    // puts the file in both page caches.
    checkResponse('forward /big', await httpGet(forwarded, '/big', true), bigBytes, bigSha);
    checkResponse('direct /big', await httpGet(direct, '/big', true), bigBytes, bigSha);
    checkResponse('forward /small', await httpGet(forwarded, '/small', true), smallBytes, smallSha);
    checkResponse('direct /small', await httpGet(direct, '/small', true), smallBytes, smallSha);
    const cat = await execCat(id, `${sandboxDir}/big`, true);
    if (cat.bytes !== bigBytes || cat.sha256 !== bigSha) {
      throw new Error(`raw exec cat: ${cat.bytes} bytes, sha256 ${cat.sha256}`);
    }
  });

  afterAll(async () => {
    await hostServer?.stop();
    if (session) await h.client.api.sessions.delete({ id: session.id }).catch(() => {});
    await h?.close();
    if (hostDir) rmSync(hostDir, { recursive: true, force: true });
    // A failed run publishes nothing: half a series would read as a result.
    if (
      download.forward.length !== downloadRuns ||
      download.direct.length !== downloadRuns ||
      download.cat.length !== downloadRuns ||
      firstByte.forward.length !== firstByteRounds ||
      firstByte.direct.length !== firstByteRounds
    ) {
      return;
    }
    const median = (samples: number[]) => summarize(samples).median;
    const fwd = median(download.forward);
    const ofDirect = fwd / median(download.direct);
    const ofCat = fwd / median(download.cat);
    const catOfDirect = median(download.cat) / median(download.direct);
    const client =
      'Client: a raw-socket HTTP/1.0 GET in its own Node process (as a browser would be), the same for both; the forward is relayed by the bench process (the in-process host).';
    const servers = `Servers: python3 -m http.server on 127.0.0.1 — sandbox ${sandboxPython}, this machine ${hostServer?.version ?? '?'}.`;
    publish({
      key: 'portsDownload',
      title: `Ports: ${megabytes} MB download through a forward (connect → server closes)`,
      baseline: `row 1: the same python3 -m http.server bound to 127.0.0.1 on this machine, serving a byte-identical copy; row 2: cat of the same file in the sandbox through a raw dockerode exec (Tty false, user berth, demultiplexed, read to the end): the exec pipe's ceiling`,
      comparisons: [
        compare('forward vs host loopback', 'MB/s', download.forward, download.direct),
        compare('forward vs raw exec cat', 'MB/s', download.forward, download.cat),
      ],
      notes: [
        `Forward / host loopback, medians: ${ofDirect.toFixed(2)}× (goal ≥ 0.5×: ${ofDirect >= 0.5 ? 'met' : 'NOT met'}). Forward / raw exec cat: ${ofCat.toFixed(2)}×; raw exec cat / host loopback: ${catOfDirect.toFixed(2)}× (the pipe alone).`,
        `MB/s = ${bigBytes} body bytes / (just before connect() → the server's FIN); cat: just before exec.start → the stream's end.`,
        `Runs interleave forward, host loopback and exec cat (the order rotating each run) after one unmeasured warm-up of each that checked every byte by sha256; each run checks status, Content-Length and the body's byte count.`,
        client,
        servers,
      ],
    });
    const fb = summarize(firstByte.forward);
    const db = summarize(firstByte.direct);
    publish({
      key: 'portsFirstByte',
      title: `Ports: new connection + GET /small (${smallBytes} B) → first response byte, ${firstByteRounds} sequential`,
      baseline:
        'the same python3 -m http.server bound to 127.0.0.1 on this machine, the same request',
      comparisons: [compare('connect → first byte', 'ms', firstByte.forward, firstByte.direct)],
      notes: [
        `Forward median ${fb.median.toFixed(2)} ms, p90 ${fb.p90.toFixed(2)} ms (goal ≤ 20 ms: ${fb.median <= 20 ? 'met' : 'NOT met'}); ${(fb.median - db.median).toFixed(2)} ms more than host loopback (medians), p90 ${(fb.p90 - db.p90).toFixed(2)} ms more.`,
        'Timed from just before connect() to the first byte of the response; includes the relay opening a stream (OPEN → OPENED over the exec pipe) and the request crossing it.',
        `Forward and host loopback alternate, each new connection after the previous one closed; every response checked (status, Content-Length, ${smallBytes} body bytes).`,
        client,
        servers,
      ],
    });
  });

  it(`${megabytes} MB download: ${downloadRuns} interleaved runs of forward, host loopback and raw exec cat`, async () => {
    const containerId = session!.containerId!;
    const steps: (() => Promise<void>)[] = [
      async () => {
        const r = await httpGet(forwarded, '/big');
        checkResponse('forward /big', r, bigBytes);
        download.forward.push(rate(r.bodyBytes, r.endMs));
      },
      async () => {
        const r = await httpGet(direct, '/big');
        checkResponse('direct /big', r, bigBytes);
        download.direct.push(rate(r.bodyBytes, r.endMs));
      },
      async () => {
        const r = await execCat(containerId, `${sandboxDir}/big`);
        if (r.bytes !== bigBytes) throw new Error(`raw exec cat: ${r.bytes} bytes`);
        download.cat.push(rate(r.bytes, r.ms));
      },
    ];
    await repeat(downloadRuns, async (run) => {
      for (let i = 0; i < steps.length; i += 1) await steps[(run + i) % steps.length]!();
    });
  });

  it(`connect → first byte: ${firstByteRounds} rounds of forward and host loopback`, async () => {
    const [viaForward, viaDirect] = await runClient<GetResult[][]>({
      mode: 'firstBytes',
      targets: [forwarded, direct],
      path: '/small',
      n: firstByteRounds,
    });
    for (const r of viaForward!) checkResponse('forward /small', r, smallBytes);
    for (const r of viaDirect!) checkResponse('direct /small', r, smallBytes);
    firstByte.forward.push(...viaForward!.map((r) => r.firstByteMs));
    firstByte.direct.push(...viaDirect!.map((r) => r.firstByteMs));
  });
});
