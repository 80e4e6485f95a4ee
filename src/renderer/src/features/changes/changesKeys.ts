/** What a key press in the Changes panel asks for. */
export type ChangesKey = 'nextFile' | 'previousFile' | 'nextChange' | 'previousChange';

/**
 * Alt+↓/↑ steps through files, Alt+Shift+↓/↑ through the changes of the open diff. Neither
 * clashes with the terminal (they only act in the panel) nor with a read-only Monaco diff (its
 * Alt+arrow line moves and copies edit text, which the diff does not allow).
 */
export function changesKey(
  event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>,
): ChangesKey | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  if (event.key === 'ArrowDown') return event.shiftKey ? 'nextChange' : 'nextFile';
  if (event.key === 'ArrowUp') return event.shiftKey ? 'previousChange' : 'previousFile';
  return null;
}

/**
 * Whether a key press belongs to the panel's shortcuts rather than to where it was typed: in the
 * panel (or nowhere in particular), but not in a text field of its own (a comment being written, where Alt+arrows move the
 * caret on macOS). Monaco's own input is not such a field: it is the diff.
 */
export function isPanelShortcutTarget(target: Element | null, panel: Element): boolean {
  // Nothing focused (after a click on empty space): the panel is the one place they mean anything.
  if (target === target?.ownerDocument.body) return true;
  if (!target || !panel.contains(target)) return false;
  const field = target.closest('input, textarea, select, [contenteditable="true"]');
  if (!field) return true;
  const editor = field.closest('.monaco-editor');
  return editor !== null && field.closest('.view-zones, .overlayWidgets, .contentWidgets') === null;
}
