import { useState } from 'react';
import { storage } from '../../lib/storage';

/** A choice among a few values, remembered in localStorage (a bad stored value is ignored). */
export function useStoredChoice<T extends string>(
  key: string,
  values: readonly T[],
  fallback: T,
): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    const stored = storage.get(key);
    return values.find((v) => v === stored) ?? fallback;
  });
  const choose = (next: T): void => {
    storage.set(key, next);
    setValue(next);
  };
  return [value, choose];
}
