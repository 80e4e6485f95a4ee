import type { ToolDetail } from '../../../../shared/contract/agent';
import type { ChatItem } from './chatItems';
import { MoreButton, OutputBlock } from './Collapsible';
import { DiffView } from './DiffView';
import { LiveOutput } from './LiveOutput';
import { headLines } from './toolText';

// About six lines show what a command said without pushing the chat away; the rest on demand.
const previewLines = 6;
const diffPreviewLines = 16;

interface ToolBodyProps {
  item: Extract<ChatItem, { type: 'tool' }>;
  sessionId: string;
  expanded: boolean;
  onToggle(): void;
}

/** What a tool gave, by its kind: output, lines read, a diff, hits, paths. */
export function ToolBody({ item, sessionId, expanded, onToggle }: ToolBodyProps) {
  if (item.state === 'running' && item.tool === 'run_command') {
    return <LiveOutput sessionId={sessionId} toolCallId={item.toolCallId} />;
  }
  const detail = item.result?.detail;
  if (!detail) return null;
  return <DetailView detail={detail} expanded={expanded} onToggle={onToggle} />;
}

function DetailView({
  detail,
  expanded,
  onToggle,
}: {
  detail: ToolDetail;
  expanded: boolean;
  onToggle(): void;
}) {
  switch (detail.type) {
    case 'command':
      return (
        <ClippedText
          text={detail.output}
          note={detail.truncated ? 'The middle of the output was cut (1 MiB kept).' : undefined}
          empty="No output."
          expanded={expanded}
          onToggle={onToggle}
          label="Command output"
        />
      );
    case 'read':
      // What was read is in the file: open on demand only.
      return (
        <>
          <MoreButton
            expanded={expanded}
            more={detail.endLine - detail.startLine + 1}
            label={`Show the ${detail.endLine - detail.startLine + 1} lines`}
            onToggle={onToggle}
          />
          {expanded && <OutputBlock label="File content">{detail.content}</OutputBlock>}
        </>
      );
    case 'edit':
      return (
        <DiffView
          diff={detail.diff}
          max={expanded ? Infinity : diffPreviewLines}
          onToggle={onToggle}
          expanded={expanded}
        />
      );
    case 'search': {
      const shown = expanded ? detail.matches : detail.matches.slice(0, previewLines);
      return (
        <>
          {shown.length > 0 && (
            <ul className="tool-list mono">
              {shown.map((m, i) => (
                <li key={i}>
                  <span className="tool-path">
                    {m.path}:{m.line}
                  </span>{' '}
                  {m.text}
                </li>
              ))}
            </ul>
          )}
          <MoreButton
            expanded={expanded}
            more={detail.matches.length - shown.length}
            unit="hits"
            onToggle={onToggle}
          />
        </>
      );
    }
    case 'list': {
      const shown = expanded ? detail.paths : detail.paths.slice(0, previewLines);
      return (
        <>
          {shown.length > 0 && (
            <ul className="tool-list mono">
              {shown.map((path) => (
                <li key={path} className="tool-path">
                  {path}
                </li>
              ))}
            </ul>
          )}
          <MoreButton
            expanded={expanded}
            more={detail.paths.length - shown.length}
            unit="paths"
            onToggle={onToggle}
          />
        </>
      );
    }
  }
}

function ClippedText({
  text,
  note,
  empty,
  expanded,
  onToggle,
  label,
}: {
  text: string;
  note: string | undefined;
  empty: string;
  expanded: boolean;
  onToggle(): void;
  label: string;
}) {
  if (text.trim() === '') return <p className="tool-empty">{empty}</p>;
  const { head, more } = headLines(text, previewLines);
  return (
    <>
      <OutputBlock label={label}>{expanded ? text : head}</OutputBlock>
      {note && expanded && <p className="tool-empty">{note}</p>}
      <MoreButton expanded={expanded} more={more} onToggle={onToggle} />
    </>
  );
}
