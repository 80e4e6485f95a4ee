import type { ToolState } from './chatItems';

const icons: Record<ToolState, { glyph: string; label: string }> = {
  waiting: { glyph: '◷', label: 'waiting' },
  running: { glyph: '', label: 'running' },
  ok: { glyph: '✓', label: 'done' },
  error: { glyph: '✕', label: 'failed' },
  denied: { glyph: '⊘', label: 'denied' },
  interrupted: { glyph: '⚠', label: 'interrupted' },
  stopped: { glyph: '■', label: 'stopped' },
};

/** A tool's state as a small coloured mark (a spinner while it runs), named for screen readers. */
export function StatusIcon({ state }: { state: ToolState }) {
  const { glyph, label } = icons[state];
  return (
    <span className="tool-icon" data-state={state} role="img" aria-label={label} title={label}>
      {state === 'running' ? <span className="spinner" aria-hidden="true" /> : glyph}
    </span>
  );
}
