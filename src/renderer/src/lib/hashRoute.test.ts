import { describe, expect, it } from 'vitest';
import { hashForSession, sessionIdFromHash } from './hashRoute';

describe('hash route', () => {
  it('round-trips a session id', () => {
    expect(sessionIdFromHash(hashForSession('a1b2 c3'))).toBe('a1b2 c3');
  });

  it('reads nothing from other hashes', () => {
    expect(sessionIdFromHash('')).toBeNull();
    expect(sessionIdFromHash('#/session/')).toBeNull();
    expect(sessionIdFromHash('#/settings')).toBeNull();
    expect(sessionIdFromHash('#/session/%E0%A4%A')).toBeNull();
  });

  it('clears the hash for no session', () => {
    expect(hashForSession(null)).toBe('');
  });
});
