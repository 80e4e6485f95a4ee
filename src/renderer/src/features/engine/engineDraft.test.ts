import { describe, expect, it } from 'vitest';
import { RpcError } from '../../../../shared/contract/errors';
import {
  addressHint,
  addressKind,
  emptyEngineDraft,
  engineAddInput,
  engineDraftErrors,
  placeAddError,
  type EngineDraft,
} from './engineDraft';

const draft = (fields: Partial<EngineDraft>): EngineDraft => ({ ...emptyEngineDraft, ...fields });

describe('engine addresses', () => {
  it('takes ssh:// with a user and tcp:// with a port, as the contract does', () => {
    expect(addressHint('ssh://ci@build-host')).toBeNull();
    expect(addressHint(' ssh://ci@10.0.0.5:2222 ')).toBeNull();
    expect(addressHint('ssh://ci@[::1]:22')).toBeNull();
    expect(addressHint('tcp://build-host:2376')).toBeNull();
    expect(addressKind('tcp://build-host:2376')).toBe('tls');
    expect(addressKind('ssh://a@b')).toBe('ssh');
    expect(addressKind('build')).toBeNull();
  });

  it('points at what is missing', () => {
    expect(addressHint('')).toMatch(/^Enter an address/);
    expect(addressHint('ssh://build-host')).toMatch(/user/);
    expect(addressHint('tcp://build-host')).toMatch(/port/);
    expect(addressHint('http://x')).toMatch(/^Start with ssh:\/\//);
    expect(addressHint('ssh://ci@build/var/run')).toMatch(/without a path/);
  });
});

describe('the add engine input', () => {
  it('sends only what the address’s kind takes, trimmed', () => {
    const typed = draft({
      address: ' ssh://ci@build ',
      name: ' build-box ',
      identityFile: '~/.ssh/id_ed25519',
      ca: '/left/over/ca.pem',
    });
    expect(engineAddInput(typed)).toEqual({
      address: 'ssh://ci@build',
      name: 'build-box',
      identityFile: '~/.ssh/id_ed25519',
    });
    expect(
      engineAddInput(draft({ address: 'tcp://b:2376', ca: '/c', cert: '/d', key: '/e' })),
    ).toEqual({ address: 'tcp://b:2376', tls: { ca: '/c', cert: '/d', key: '/e' } });
  });

  it('has no errors for a good draft; the SSH agent needs no key file', () => {
    expect(engineDraftErrors(draft({ address: 'ssh://ci@build' }))).toEqual({});
    expect(
      engineDraftErrors(draft({ address: 'tcp://b:2376', ca: '/c', cert: '~/d', key: '/e' })),
    ).toEqual({});
  });

  it('names each missing TLS file and each relative path in the form’s words', () => {
    expect(engineDraftErrors(draft({ address: 'tcp://b:2376', cert: 'cert.pem' }))).toEqual({
      ca: 'CA certificate is required: a tcp:// engine always uses TLS.',
      cert: 'Client certificate must be an absolute path.',
      key: 'Client key is required: a tcp:// engine always uses TLS.',
    });
    expect(engineDraftErrors(draft({ address: 'ssh://ci@b', identityFile: 'id_rsa' }))).toEqual({
      identityFile: 'Key file must be an absolute path.',
    });
  });

  it('puts the address hint and a too long name beside their fields', () => {
    const errors = engineDraftErrors(draft({ address: 'ssh://build', name: 'x'.repeat(65) }));
    expect(errors.address).toMatch(/user/);
    expect(errors.name).toBe('Engine name must be at most 64 characters.');
  });
});

describe('a refused add', () => {
  it('goes beside the field the schema check names', () => {
    const error = new RpcError('invalid_input', 'invalid', {
      issues: [{ path: ['tls', 'key'], message: 'tls.key must be an absolute path' }],
    });
    expect(placeAddError(error)).toEqual({
      field: 'key',
      message: 'Client key must be an absolute path.',
    });
  });

  it('stays with the form when it names no field', () => {
    const error = new RpcError('invalid_input', 'The key file /k cannot be read (ENOENT).');
    expect(placeAddError(error)).toEqual({
      field: null,
      message: 'The key file /k cannot be read (ENOENT).',
    });
  });
});
