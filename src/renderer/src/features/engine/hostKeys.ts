/**
 * The file on the host that holds its key of this type, for `ssh-keygen -lf` there: sshd keeps
 * one key per algorithm in /etc/ssh. `rsa-sha2-*` are signatures made with the RSA key.
 */
export function hostKeyFile(type: string): string {
  const algorithm = type.startsWith('ssh-ed25519')
    ? 'ed25519'
    : type.startsWith('ecdsa-')
      ? 'ecdsa'
      : type === 'ssh-rsa' || type.startsWith('rsa-')
        ? 'rsa'
        : 'ed25519';
  return `/etc/ssh/ssh_host_${algorithm}_key.pub`;
}

/**
 * How ~/.ssh/known_hosts names the host of an `ssh://user@host[:port]` endpoint, for
 * `ssh-keygen -R`: the bare host on port 22, `[host]:port` on any other; null for other schemes.
 */
export function knownHostsName(endpoint: string): string | null {
  const match = /^ssh:\/\/[^@/]+@(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(endpoint);
  if (!match?.[1]) return null;
  const host = match[1].replace(/^\[|\]$/g, '');
  const port = match[2];
  return port === undefined || port === '22' ? host : `[${host}]:${port}`;
}
