import type { ReactNode } from 'react';
import type { ChatItem } from './chatItems';
import { ToolBody } from './ToolBody';
import { StatusIcon } from './StatusIcon';
import { formatDuration, inputField, readTitle, toolLabel, toolSubject } from './toolText';

type ToolChatItem = Extract<ChatItem, { type: 'tool' }>;

interface ToolItemProps {
  item: ToolChatItem;
  sessionId: string;
  expanded: boolean;
  onToggle(): void;
}

/**
 * One tool call, folded in place: what it did in one line (`$ npm test`, `Read src/a.ts (lines
 * 1–40)`), its state, and below what it gave, clipped until opened.
 */
export function ToolItem({ item, sessionId, expanded, onToggle }: ToolItemProps) {
  const detail = item.result?.detail;
  const subject = toolSubject(item.tool, item.input, detail);
  return (
    <article className="tool" data-state={item.state} aria-label={toolLabel(item.tool, subject)}>
      <div className="tool-head">
        <StatusIcon state={item.state} />
        <span className="tool-title">{title(item, subject)}</span>
        <Badges item={item} />
      </div>
      {item.result && item.result.status !== 'ok' && detail?.type !== 'command' && (
        <p className="tool-summary">{item.result.summary}</p>
      )}
      <ToolBody item={item} sessionId={sessionId} expanded={expanded} onToggle={onToggle} />
    </article>
  );
}

function title(item: ToolChatItem, subject: string): ReactNode {
  const detail = item.result?.detail;
  switch (item.tool) {
    case 'run_command':
      return <code className="tool-command">$ {subject}</code>;
    case 'read_file':
      return readTitle(subject, detail);
    case 'edit':
      return `Edit ${subject}`;
    case 'write_file':
      return detail?.type === 'edit' && detail.created ? `Create ${subject}` : `Write ${subject}`;
    case 'search': {
      const hits = detail?.type === 'search' ? detail.matches.length : undefined;
      return (
        <>
          Search <code>{subject}</code>
          {hits !== undefined &&
            ` · ${hits}${detail?.type === 'search' && detail.truncated ? '+' : ''} hit${hits === 1 ? '' : 's'}`}
        </>
      );
    }
    case 'list_files': {
      const count = detail?.type === 'list' ? detail.paths.length : undefined;
      return (
        <>
          List <code>{subject}</code>
          {count !== undefined &&
            ` · ${count}${detail?.type === 'list' && detail.truncated ? '+' : ''} file${count === 1 ? '' : 's'}`}
        </>
      );
    }
    case 'ask_user':
      return 'Ask a question';
    case 'update_plan':
      return 'Update the plan';
    case 'finish':
      return 'Finish';
    default:
      return (
        <>
          {item.tool} {inputField(item.input, 'path', 'command') ?? ''}
        </>
      );
  }
}

function Badges({ item }: { item: ToolChatItem }) {
  const result = item.result;
  const detail = result?.detail;
  return (
    <span className="tool-badges">
      {item.state === 'waiting' && <span className="badge">waiting</span>}
      {detail?.type === 'command' && detail.timedOut && (
        <span className="badge" data-tone="error">
          timed out
        </span>
      )}
      {detail?.type === 'command' && detail.exitCode !== null && (
        <span className="badge" data-tone={detail.exitCode === 0 ? 'ok' : 'error'}>
          exit {detail.exitCode}
        </span>
      )}
      {result && result.durationMs > 0 && (
        <span className="tool-duration">{formatDuration(result.durationMs)}</span>
      )}
    </span>
  );
}
