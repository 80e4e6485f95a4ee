import { useEffect, useRef, type RefObject } from 'react';

/**
 * A panel anchored to its button, not modal: the focus moves onto it when it opens (it needs
 * `tabIndex={-1}`; a screen reader then reads its name, and Tab goes to its first control),
 * Escape closes it and gives the focus back to the button, and a press outside both closes it
 * and leaves the focus where that press put it.
 */
export function usePopover(
  open: boolean,
  close: (returnFocus: boolean) => void,
  anchor: RefObject<HTMLElement | null>,
  panel: RefObject<HTMLElement | null>,
): void {
  const closeRef = useRef(close);
  useEffect(() => {
    closeRef.current = close;
  });

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const inside = (node: Node | null): boolean =>
      node !== null && Boolean(panel.current?.contains(node) || anchor.current?.contains(node));

    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      // Escape elsewhere (a terminal, say) belongs to what has the focus.
      const active = document.activeElement;
      if (active !== null && active !== document.body && !inside(active)) return;
      event.preventDefault();
      closeRef.current(true);
    };
    const onPointerDown = (event: PointerEvent): void => {
      const target = event.target;
      if (!(target instanceof Node)) return;
      if (inside(target)) return;
      closeRef.current(false);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [open, anchor, panel]);
}
