/**
 * Columns and rows for a terminal about to be opened, before xterm can measure: 13 px monospace
 * cells are about 7.8 × 17 px in common monospace fonts (DejaVu Sans Mono, Menlo, Consolas).
 * The tab fits itself exactly once it is shown, so this only has to be close.
 */
export function estimateGrid(width: number, height: number): { cols: number; rows: number } {
  if (width < 20 || height < 20) return { cols: 80, rows: 24 };
  const cols = Math.floor(width / 7.8);
  const rows = Math.floor(height / 17);
  return {
    cols: clamp(cols, 2, 1000),
    rows: clamp(rows, 1, 500),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
