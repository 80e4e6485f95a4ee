import type { ReactNode } from 'react';

/** A "Show all N lines" / "Show less" switch under a clipped block. */
export function MoreButton({
  expanded,
  more,
  unit = 'lines',
  label,
  onToggle,
}: {
  expanded: boolean;
  more: number;
  unit?: string;
  /** Replaces `Show N more lines`. */
  label?: string;
  onToggle(): void;
}) {
  if (more === 0 && !expanded) return null;
  return (
    <button type="button" className="link-button" aria-expanded={expanded} onClick={onToggle}>
      {expanded ? (label ? 'Hide' : 'Show less') : (label ?? `Show ${more} more ${unit}`)}
    </button>
  );
}

/** Output in a monospace block that wraps long lines and scrolls past its height. */
export function OutputBlock({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <pre className="tool-output" aria-label={label}>
      {children}
    </pre>
  );
}
