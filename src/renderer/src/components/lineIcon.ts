/**
 * The props of every small line icon: drawn in the text colour on a 16-unit grid. SVG rather
 * than emoji: emoji fonts are missing on many Linux desktops and show as empty boxes.
 */
export const lineIconProps = {
  width: 14,
  height: 14,
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.5,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true,
};
