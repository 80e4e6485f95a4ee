import { describe, expect, it } from 'vitest';
import { hostKeyFile, knownHostsName } from './hostKeys';

describe('host key files', () => {
  it('names the key file of the type the host presented', () => {
    expect(hostKeyFile('ssh-ed25519')).toBe('/etc/ssh/ssh_host_ed25519_key.pub');
    expect(hostKeyFile('ecdsa-sha2-nistp256')).toBe('/etc/ssh/ssh_host_ecdsa_key.pub');
    expect(hostKeyFile('ssh-rsa')).toBe('/etc/ssh/ssh_host_rsa_key.pub');
    expect(hostKeyFile('rsa-sha2-512')).toBe('/etc/ssh/ssh_host_rsa_key.pub');
  });

  it('falls back to the usual ed25519 key for a type it does not know', () => {
    expect(hostKeyFile('sk-ssh-ed25519@openssh.com')).toBe('/etc/ssh/ssh_host_ed25519_key.pub');
  });
});

describe('known_hosts names', () => {
  it('names the host as ssh-keygen -R takes it', () => {
    expect(knownHostsName('ssh://ci@build:22')).toBe('build');
    expect(knownHostsName('ssh://ci@build')).toBe('build');
    expect(knownHostsName('ssh://ci@127.0.0.1:2222')).toBe('[127.0.0.1]:2222');
    expect(knownHostsName('ssh://ci@[::1]:2222')).toBe('[::1]:2222');
    expect(knownHostsName('ssh://ci@[::1]')).toBe('::1');
    expect(knownHostsName('tcp://build:2376')).toBeNull();
  });
});
