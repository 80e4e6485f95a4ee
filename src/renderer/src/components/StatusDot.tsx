/** A small coloured dot; the colour comes from `data-tone` in the style sheet. */
export function StatusDot({ tone }: { tone: string }) {
  return <span className="status-dot" data-tone={tone} aria-hidden="true" />;
}
