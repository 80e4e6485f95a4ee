import { describe, expect, it } from 'vitest';
import { changesKey } from './changesKeys';

const press = (
  key: string,
  mods: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>> = {},
) => changesKey({ key, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('changesKey', () => {
  it('steps files with Alt+arrows and changes with Alt+Shift+arrows', () => {
    expect(press('ArrowDown', { altKey: true })).toBe('nextFile');
    expect(press('ArrowUp', { altKey: true })).toBe('previousFile');
    expect(press('ArrowDown', { altKey: true, shiftKey: true })).toBe('nextChange');
    expect(press('ArrowUp', { altKey: true, shiftKey: true })).toBe('previousChange');
  });

  it('leaves plain arrows, Ctrl and Meta combinations alone', () => {
    expect(press('ArrowDown')).toBeNull();
    expect(press('ArrowDown', { altKey: true, ctrlKey: true })).toBeNull();
    expect(press('ArrowDown', { altKey: true, metaKey: true })).toBeNull();
    expect(press('ArrowLeft', { altKey: true })).toBeNull();
  });
});
