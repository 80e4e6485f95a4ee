import { useSyncExternalStore } from 'react';
import { liveStreamFor } from './liveStream';
import { Markdown } from './Markdown';
import { tailLines } from './toolText';

/**
 * The model's text as it streams, published once a frame. When the step ends its `model.text`
 * row takes its place, about as tall, so the chat does not jump.
 */
export function LiveBubble({ sessionId }: { sessionId: string }) {
  const live = liveStreamFor(sessionId);
  const text = useSyncExternalStore(live.subscribe, () => live.snapshot().text);
  const reasoning = useSyncExternalStore(live.subscribe, () => live.snapshot().reasoning);
  if (!text && !reasoning) return null;
  return (
    <div className="chat-live" aria-busy="true">
      {reasoning && !text && (
        <p className="chat-reasoning-text live">
          <span className="muted">Thinking… </span>
          {tailLines(reasoning, 3)}
        </p>
      )}
      {text && (
        <div className="chat-text">
          <Markdown text={text} live />
        </div>
      )}
    </div>
  );
}
