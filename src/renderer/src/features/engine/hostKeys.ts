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
