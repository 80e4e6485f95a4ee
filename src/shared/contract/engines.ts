import { z } from 'zod';
import { sessionNameSchema } from './sessions';

/** How the workbench reaches an engine: the local socket, SSH, or TCP with TLS. */
export type EngineKind = 'local' | 'ssh' | 'tls';

/**
 * How the workbench sees a Docker engine right now. The `host_key_*`, `auth_refused` and
 * `permission_denied` states wait for the user; the others retry by themselves.
 */
export type EngineState =
  | 'connecting'
  | 'connected'
  | 'unreachable'
  | 'permission_denied'
  | 'auth_refused'
  | 'host_key_unknown'
  | 'host_key_changed'
  | 'docker_unavailable';

/** An SSH host key as `ssh-keygen -lf` shows it. */
export interface HostKey {
  /** e.g. `ssh-ed25519`. */
  type: string;
  /** `SHA256:` and the unpadded base64 of the key's SHA-256, e.g. `SHA256:m8Xk…`. */
  fingerprint: string;
}

export interface EngineStatus {
  /** `local` for the engine at DOCKER_HOST or the default socket; an opaque id otherwise. */
  id: string;
  /** What the user calls it: `Local`, `build-box`, … */
  name: string;
  kind: EngineKind;
  /** Where the engine is reached, e.g. `unix:///var/run/docker.sock`, `ssh://ci@build:22`. */
  endpoint: string;
  state: EngineState;
  /** Engine version when connected, e.g. `20.10.24`. */
  version?: string;
  /** Round trip of the last `/_ping`, in milliseconds, when connected. */
  latencyMs?: number;
  /** What is wrong, in one sentence, when not connected. */
  message?: string;
  /** What the user can do about it. */
  hint?: string;
  /**
   * For SSH: the key the host presented when it is unknown (`host_key_unknown`: shown for the
   * user to accept once) or changed (`host_key_changed`: refused); the trusted key otherwise.
   */
  hostKey?: HostKey;
  /** ISO time of the last check. */
  checkedAt: string;
}

export const engineIdSchema = z.string().min(1, 'engineId must not be empty').max(64);

const absolutePath = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} must not be empty`)
    .max(4096)
    .refine((p) => p.startsWith('/') || p.startsWith('~/'), `${what} must be an absolute path`);

/** `ssh://user@host[:port]` or `tcp://host:port`: what the Add engine form takes. */
export const engineAddressSchema = z
  .string()
  .trim()
  .max(300)
  .refine(
    (a) =>
      /^ssh:\/\/[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(a) ||
      /^ssh:\/\/[A-Za-z0-9._-]+@\[[0-9A-Fa-f:.]+\](:\d{1,5})?\/?$/.test(a) ||
      /^tcp:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}\/?$/.test(a),
    'address must be ssh://user@host[:port] or tcp://host:port',
  );

export const enginesInput = {
  list: z.object({}).strict(),
  /** Without `engineId`: the local engine. */
  status: z.object({ engineId: engineIdSchema.optional() }).strict(),
  reconnect: z.object({ engineId: engineIdSchema.optional() }).strict(),
  add: z
    .object({
      /** Shown in the sidebar and the engine picker; the host name when absent. */
      name: sessionNameSchema.optional(),
      address: engineAddressSchema,
      /** SSH: a private key file; without it the SSH agent (SSH_AUTH_SOCK) is asked. */
      identityFile: absolutePath('identityFile').optional(),
      /** SSH: the Docker socket on the remote host; `/var/run/docker.sock` when absent. */
      socketPath: absolutePath('socketPath').optional(),
      /** TCP: required; the engine must run with `--tlsverify`. */
      tls: z
        .object({
          ca: absolutePath('tls.ca'),
          cert: absolutePath('tls.cert'),
          key: absolutePath('tls.key'),
        })
        .strict()
        .optional(),
    })
    .strict(),
  remove: z.object({ engineId: engineIdSchema }).strict(),
  /** Accepts the key the host presented (`host_key_unknown` only); `fingerprint` must match it. */
  trustHostKey: z
    .object({ engineId: engineIdSchema, fingerprint: z.string().min(8).max(200) })
    .strict(),
};

export interface EngineList {
  /** The local engine first, then remote ones in the order they were added. */
  engines: EngineStatus[];
  /** The engine the last session was created on: the new-session default. */
  lastUsed: string;
}

export interface EnginesApi {
  list(input: z.infer<typeof enginesInput.list>): Promise<EngineList>;
  /** The current state of one engine (the local one without `engineId`). */
  status(input: z.infer<typeof enginesInput.status>): Promise<EngineStatus>;
  /** Checks (or connects) again now instead of waiting for the next retry; returns the new state. */
  reconnect(input: z.infer<typeof enginesInput.reconnect>): Promise<EngineStatus>;
  /**
   * Adds a remote engine and starts connecting; returns at once in `connecting`. An SSH host
   * whose key is neither in `~/.ssh/known_hosts` nor accepted before ends in `host_key_unknown`.
   * `invalid_input` for an unreadable key or certificate file, `conflict` for an address added
   * already.
   */
  add(input: z.infer<typeof enginesInput.add>): Promise<EngineStatus>;
  /** Forgets a remote engine. `conflict` while live sessions are on it. */
  remove(input: z.infer<typeof enginesInput.remove>): Promise<void>;
  trustHostKey(input: z.infer<typeof enginesInput.trustHostKey>): Promise<EngineStatus>;
}

export interface EnginesEvents {
  /** An engine's state changed (connected, lost, host key unknown, …), or it was added. */
  status: EngineStatus;
  /** A remote engine was removed. */
  removed: { engineId: string };
}
