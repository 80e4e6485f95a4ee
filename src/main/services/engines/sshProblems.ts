import type { HostKey } from '../../../shared/contract';
import { errorCode, type EngineProblem } from './engineErrors';

/** What the user wrote for an SSH engine, for the sentences below. */
interface SshWho {
  username: string;
  host: string;
  socketPath: string;
  identityFile?: string;
}

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error ?? 'unknown error');

export function hostKeyUnknown(where: string, key: HostKey): EngineProblem {
  return {
    state: 'host_key_unknown',
    message: `First connection to ${where}: it presents the ${key.type} key ${key.fingerprint}.`,
    hint: 'Compare it with the host\u2019s own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the host), then trust it once. Nothing is sent until you do.',
    hostKey: key,
  };
}

export function hostKeyChanged(
  where: string,
  key: HostKey,
  expected: HostKey,
  source: 'known_hosts' | 'berth',
): EngineProblem {
  const from = source === 'known_hosts' ? '~/.ssh/known_hosts has' : 'you accepted';
  return {
    state: 'host_key_changed',
    message: `The host key of ${where} changed: it presents ${key.type} ${key.fingerprint}, but ${from} ${expected.type} ${expected.fingerprint}. Berth will not connect.`,
    hint: 'This can mean someone is intercepting the connection. If the host was reinstalled, remove its old key (ssh-keygen -R) and this engine, then add it again.',
    hostKey: key,
  };
}

export function hostKeyRevoked(where: string, key: HostKey): EngineProblem {
  return {
    state: 'host_key_changed',
    message: `${where} presents ${key.type} ${key.fingerprint}, which ~/.ssh/known_hosts marks as revoked. Berth will not connect.`,
    hint: 'Ask the host\u2019s administrator which key it should have.',
    hostKey: key,
  };
}

export function authProblem(
  kind: 'unreadable' | 'none' | 'refused' | 'encrypted',
  where: string,
  who: SshWho,
  cause?: unknown,
): EngineProblem {
  const messages = {
    unreadable: `Cannot read the key file ${who.identityFile ?? ''}: ${reasonOf(cause)}.`,
    none: `No key file is set and no SSH agent runs (SSH_AUTH_SOCK is not set), so there is nothing to log in to ${where} with.`,
    refused: `${where} refused ${who.identityFile ? `the key ${who.identityFile}` : 'the SSH agent\u2019s keys'} for ${who.username}.`,
    encrypted: `The key file ${who.identityFile ?? ''} is protected by a passphrase.`,
  };
  const hints = {
    unreadable: 'Check the path, or leave the key file empty to use the SSH agent.',
    none: 'Start an SSH agent and ssh-add your key, or give the key file.',
    refused: `Add the public key to ~${who.username}/.ssh/authorized_keys on ${who.host}, or pick the right key file.`,
    encrypted: 'Load it into the SSH agent (ssh-add) and leave the key file empty.',
  };
  return { state: 'auth_refused', message: messages[kind], hint: hints[kind] };
}

/** A connection attempt that failed before the SSH session was ready. */
export function sshConnectProblem(error: unknown, where: string, who: SshWho): EngineProblem {
  const level = (error as { level?: unknown } | null)?.level;
  const text = reasonOf(error);
  if (level === 'client-authentication') return authProblem('refused', where, who);
  if (/encrypted/i.test(text) && /passphrase/i.test(text)) {
    return authProblem('encrypted', where, who);
  }
  if (/Cannot parse privateKey|Unsupported key format/i.test(text)) {
    return {
      state: 'auth_refused',
      message: `${who.identityFile ?? 'The key file'} is not a private key Berth can read (${text}).`,
      hint: 'Give an OpenSSH or PEM private key (not the .pub file).',
    };
  }
  if (level === 'client-timeout' || errorCode(error) === 'ETIMEDOUT') {
    return {
      state: 'unreachable',
      message: `${where} did not complete the SSH handshake within 15 s.`,
      hint: 'Check the network, the host name and the port; Berth keeps retrying.',
    };
  }
  switch (errorCode(error)) {
    case 'ECONNREFUSED':
      return {
        state: 'unreachable',
        message: `${where} refuses SSH connections.`,
        hint: 'Check that sshd runs there and the port is right; Berth keeps retrying.',
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        state: 'unreachable',
        message: `The host name ${who.host} does not resolve.`,
        hint: 'Check the address; Berth keeps retrying.',
      };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return {
        state: 'unreachable',
        message: `${where} is unreachable from this machine.`,
        hint: 'Check the network (VPN?); Berth keeps retrying.',
      };
  }
  return {
    state: 'unreachable',
    message: `Cannot connect to ${where} over SSH: ${text}.`,
    hint: 'Berth keeps retrying; check that `ssh` to the host works.',
  };
}

/** SSH works but the Docker socket on the host cannot be opened. */
export function dockerSocketProblem(
  verdict: string,
  where: string,
  who: SshWho,
  cause: unknown,
): EngineProblem {
  if (verdict === 'missing') {
    return {
      state: 'docker_unavailable',
      message: `SSH to ${where} works, but Docker is not running there (no socket at ${who.socketPath}).`,
      hint: `Start Docker on ${who.host} (sudo systemctl start docker), or set the engine's socket path.`,
    };
  }
  if (verdict === 'denied') {
    return {
      state: 'permission_denied',
      message: `${who.username} may not use the Docker socket ${who.socketPath} on ${who.host}.`,
      hint: `Add ${who.username} to the docker group there (sudo usermod -aG docker ${who.username}) and reconnect.`,
    };
  }
  return {
    state: 'docker_unavailable',
    message: `SSH to ${where} works, but the Docker socket ${who.socketPath} cannot be opened: ${reasonOf(cause)}.`,
    hint: 'Check that Docker runs on the host and that sshd allows stream-local forwarding.',
  };
}

/** The SSH connection is down (lost, or not made yet). */
export function linkDown(where: string, cause?: unknown): EngineProblem {
  return {
    state: 'unreachable',
    message: `The SSH connection to ${where} is down${cause ? ` (${reasonOf(cause)})` : ''}.`,
    hint: 'Berth reconnects by itself with backoff.',
  };
}
