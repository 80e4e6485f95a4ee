import { describe, expect, it } from 'vitest';
import { isReconnecting, sessionStatusText, sessionStatusTones } from './sessionStatus';

describe('session status', () => {
  it('shows a session whose engine is away as reconnecting, pending like creating', () => {
    expect(sessionStatusText('connecting')).toBe('reconnecting…');
    expect(sessionStatusTones.connecting).toBe(sessionStatusTones.creating);
    expect(isReconnecting('connecting')).toBe(true);
  });

  it('shows the other statuses as their word', () => {
    expect(sessionStatusText('running')).toBe('running');
    expect(sessionStatusText('stopped')).toBe('stopped');
    expect(isReconnecting('stopped')).toBe(false);
  });
});
