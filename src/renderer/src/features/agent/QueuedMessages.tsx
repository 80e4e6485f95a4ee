import type { QueuedMessage } from '../../../../shared/contract/agent';
import { firstLine } from './toolText';

/** Messages written while the agent works: sent in order when the turn ends, or removed. */
export function QueuedMessages({
  queued,
  onRemove,
}: {
  queued: QueuedMessage[];
  onRemove(id: string): void;
}) {
  if (queued.length === 0) return null;
  return (
    <ul className="chips queued" aria-label="Queued messages">
      {queued.map((message) => {
        const text = firstLine(message.text) || `${message.attachments.length} files`;
        return (
          <li key={message.id} className="chip" title={message.text}>
            <span className="chip-kind">Queued</span>
            <span className="chip-name">{text}</span>
            {message.attachments.length > 0 && (
              <span className="chip-size">+{message.attachments.length} files</span>
            )}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove queued message: ${text}`}
              onClick={() => onRemove(message.id)}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
