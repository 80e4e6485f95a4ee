import { MoreButton } from './Collapsible';
import { diffLines } from './toolText';

/** A small unified diff, additions and removals coloured, clipped to `max` lines until opened. */
export function DiffView({
  diff,
  max,
  expanded,
  onToggle,
}: {
  diff: string;
  max: number;
  expanded: boolean;
  onToggle(): void;
}) {
  const lines = diffLines(diff).filter((l) => l.kind !== 'meta');
  const shown = lines.slice(0, max);
  return (
    <>
      <pre className="tool-output diff" aria-label="Diff">
        {shown.map((line, i) => (
          <span key={i} className="diff-line" data-kind={line.kind}>
            {line.text || ' '}
            {'\n'}
          </span>
        ))}
      </pre>
      <MoreButton expanded={expanded} more={lines.length - shown.length} onToggle={onToggle} />
    </>
  );
}
