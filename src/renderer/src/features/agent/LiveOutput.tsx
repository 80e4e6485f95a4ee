import { useEffect, useRef, useSyncExternalStore } from 'react';
import { liveStreamFor } from './liveStream';
import { tailLines } from './toolText';

/** What a running command printed so far: its last lines, following the end. */
export function LiveOutput({ sessionId, toolCallId }: { sessionId: string; toolCallId: string }) {
  const live = liveStreamFor(sessionId);
  const text = useSyncExternalStore(live.subscribe, () => live.snapshot().outputs.get(toolCallId));
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const pre = ref.current;
    if (pre) pre.scrollTop = pre.scrollHeight;
  }, [text]);
  if (!text) return null;
  return (
    <pre ref={ref} className="tool-output live" aria-label="Output so far">
      {tailLines(text, 200)}
    </pre>
  );
}
