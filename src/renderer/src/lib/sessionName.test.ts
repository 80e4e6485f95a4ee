import { describe, expect, it } from 'vitest';
import { sessionNameError } from './sessionName';

describe('sessionNameError', () => {
  it('accepts a normal name', () => {
    expect(sessionNameError('fix flaky tests')).toBeNull();
  });

  it('says what is wrong, as a sentence', () => {
    expect(sessionNameError('   ')).toBe('Name must not be empty.');
    expect(sessionNameError('x'.repeat(65))).toBe('Name must be at most 64 characters.');
  });
});
