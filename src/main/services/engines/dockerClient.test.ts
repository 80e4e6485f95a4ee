import { describe, expect, it } from 'vitest';
import { createDockerClient, endpointOf } from './dockerClient';

describe('createDockerClient', () => {
  it('uses the local socket when DOCKER_HOST is unset or unix://', () => {
    expect(createDockerClient('').endpoint).toBe('unix:///var/run/docker.sock');
    const custom = createDockerClient('unix:///run/user/1000/docker.sock');
    expect(custom.endpoint).toBe('unix:///run/user/1000/docker.sock');
    expect(endpointOf(custom.docker)).toBe(custom.endpoint);
  });

  it('reaches tcp:// engines, on the plain port unless TLS is asked for', () => {
    const plain = createDockerClient('tcp://127.0.0.1:2375');
    expect(plain.endpoint).toBe('tcp://127.0.0.1:2375');
    expect(endpointOf(plain.docker)).toBe('tcp://127.0.0.1:2375');
    expect(createDockerClient('tcp://build-host').endpoint).toBe('tcp://build-host:2375');
  });

  it('says which DOCKER_HOST it cannot use', () => {
    expect(() => createDockerClient('ssh://me@build-host')).toThrow(
      /ssh:\/\/ are not supported yet/,
    );
    expect(() => createDockerClient('npipe:////./pipe/docker_engine')).toThrow(/not understood/);
  });
});
