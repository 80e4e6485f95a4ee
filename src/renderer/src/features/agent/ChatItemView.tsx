import { reviewNote } from '../changes/reviewText';
import type { ChatItem } from './chatItems';
import { AttachmentChip } from './AttachmentChip';
import { PauseIcon } from './icons';
import { Markdown } from './Markdown';
import { PlanList } from './PlanList';
import { ToolItem } from './ToolItem';

interface ChatItemViewProps {
  item: ChatItem;
  sessionId: string;
  expanded: boolean;
  onToggle(): void;
}

const decisions = {
  once: 'Approved once',
  always: 'Approved always (this exact command, this session)',
  rule: 'Allowed by a rule',
  deny: 'Denied',
} as const;

const outcomes = { done: 'Done', blocked: 'Blocked', needs_input: 'Needs your input' } as const;

/** One row of the chat. */
export function ChatItemView({ item, sessionId, expanded, onToggle }: ChatItemViewProps) {
  switch (item.type) {
    case 'user':
      return (
        <div className="chat-user" aria-label="Your message">
          {item.text && <p className="chat-user-text">{item.text}</p>}
          {item.attachments.length > 0 && (
            <ul className="chips" aria-label="Attachments">
              {item.attachments.map((a, i) => (
                <li key={i}>
                  <AttachmentChip
                    name={a.name}
                    bytes={a.bytes}
                    image={a.mimeType.startsWith('image/')}
                  />
                </li>
              ))}
            </ul>
          )}
          {item.review && item.review.comments > 0 && (
            <p className="chat-user-review">{reviewNote(item.review, !item.text)}</p>
          )}
        </div>
      );
    case 'text':
      return (
        <div className="chat-text">
          <Markdown text={item.text} />
        </div>
      );
    case 'reasoning':
      return (
        <div className="chat-reasoning">
          <button type="button" className="link-button" aria-expanded={expanded} onClick={onToggle}>
            {expanded ? 'Thought' : 'Thought for a moment'}
          </button>
          {expanded && <p className="chat-reasoning-text">{item.text}</p>}
        </div>
      );
    case 'tool':
      return <ToolItem item={item} sessionId={sessionId} expanded={expanded} onToggle={onToggle} />;
    case 'approval': {
      const { request, resolution } = item;
      return (
        <div
          className="chat-event"
          data-tone={resolution?.decision === 'deny' ? 'warning' : 'info'}
        >
          <span className="chat-event-icon" aria-hidden="true">
            <PauseIcon />
          </span>
          <div className="chat-event-body">
            <p>
              Asked to approve <code className="inline-code">{request.subject}</code> —{' '}
              {request.reason}
            </p>
            <p className="muted">
              {resolution
                ? `${decisions[resolution.decision]}${resolution.reason ? `: ${resolution.reason}` : ''}`
                : 'Waiting for your approval.'}
            </p>
          </div>
        </div>
      );
    }
    case 'question':
      return (
        <div className="chat-event" data-tone="info">
          <span className="chat-event-icon" aria-hidden="true">
            ?
          </span>
          <div className="chat-event-body">
            {item.request.questions.map((q, i) => (
              <div key={i}>
                <p>{q.question}</p>
                <p className="muted">
                  {item.answers?.[i] ? `→ ${item.answers[i].answer}` : 'Waiting for your answer.'}
                </p>
              </div>
            ))}
          </div>
        </div>
      );
    case 'plan':
      return (
        <div className="chat-plan">
          <p className="chat-plan-title">Plan updated</p>
          {item.explanation && <p className="muted">{item.explanation}</p>}
          <PlanList plan={item.plan} />
        </div>
      );
    case 'notice':
      return (
        <p
          className="chat-notice"
          data-tone={item.tone}
          role={item.tone === 'error' ? 'alert' : undefined}
        >
          {item.text}
        </p>
      );
    case 'finished':
      return (
        <section
          className="chat-finished"
          aria-label="Summary"
          data-outcome={item.outcome ?? 'done'}
        >
          <p className="chat-finished-title">{outcomes[item.outcome ?? 'done']}</p>
          {item.summary ? (
            <Markdown text={item.summary} />
          ) : (
            <p className="muted">The turn finished.</p>
          )}
        </section>
      );
  }
}
