import { useEffect, useRef, type RefObject } from 'react';
import { changesKey, isPanelShortcutTarget, type ChangesKey } from './changesKeys';

/**
 * The panel's keyboard shortcuts (changesKeys.ts), caught before Monaco or a row sees them.
 * The actions are read at key time, so they always see the current list and open file.
 */
export function useChangesShortcuts(
  panel: RefObject<HTMLElement | null>,
  actions: Record<ChangesKey, () => void>,
): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const key = changesKey(event);
      const element = panel.current;
      if (key === null || !element) return;
      if (!isPanelShortcutTarget(document.activeElement, element)) return;
      event.preventDefault();
      event.stopPropagation();
      latest.current[key]();
    };
    // Capture: Monaco handles Alt+arrows on its own element and stops them there.
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [panel]);
}
