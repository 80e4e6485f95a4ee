import { describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/contract/errors';
import { fieldErrorOf, sentence } from './fieldError';

describe('fieldErrorOf', () => {
  it('takes the field a service named', () => {
    const error = new RpcError('invalid_input', '/tmp/x is not a git repository.', {
      field: 'repositories.1.source',
    });
    expect(fieldErrorOf(error)).toEqual({
      field: 'repositories.1.source',
      message: '/tmp/x is not a git repository.',
    });
  });

  it('takes the first schema issue as the field, in a sentence', () => {
    const error = new RpcError('invalid_input', 'settings.setGitIdentity: email: …', {
      issues: [{ path: ['email'], message: 'email must look like name@example.com' }],
    });
    expect(fieldErrorOf(error)).toEqual({
      field: 'email',
      message: 'Email must look like name@example.com.',
    });
  });

  it('joins a nested issue path with dots', () => {
    const error = new RpcError('invalid_input', 'x', {
      issues: [
        { path: ['repositories', '0', 'name'], message: 'directory name must not be empty' },
      ],
    });
    expect(fieldErrorOf(error).field).toBe('repositories.0.name');
  });

  it('leaves an error without a field to the form', () => {
    expect(fieldErrorOf(new RpcError('unavailable', 'The connection to Berth was lost.'))).toEqual({
      field: null,
      message: 'The connection to Berth was lost.',
    });
    expect(fieldErrorOf(new Error('boom'))).toEqual({ field: null, message: 'boom' });
  });
});

describe('sentence', () => {
  it('capitalises and ends with a full stop once', () => {
    expect(sentence('title must not be empty')).toBe('Title must not be empty.');
    expect(sentence('Already a sentence.')).toBe('Already a sentence.');
  });
});
