import { useEffect, useRef } from 'react';
import { rpc } from '../../rpc/connection';
import { useStore } from '../../store';
import { reportError } from '../../store/sync';

/**
 * The creation log: the sandbox image build output, then the repositories being seeded; what
 * was logged so far, then live lines. Like terminal output, it is appended to the DOM directly
 * rather than through React state, since a first build can print a megabyte.
 */
export function BuildLog({ sessionId }: { sessionId: string }) {
  const ref = useRef<HTMLPreElement>(null);
  // Lines sent while the connection was down are lost: load the whole log again after it.
  const epoch = useStore((s) => s.connectionEpoch);

  useEffect(() => {
    const pre = ref.current;
    if (!pre) return;
    pre.textContent = '';
    const client = rpc();
    let loaded = false;
    let early: string[] = [];

    const append = (text: string): void => {
      // Follow the end only if the reader is already there (within 24 px, about one line).
      const atEnd = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 24;
      pre.append(document.createTextNode(text));
      if (atEnd) pre.scrollTop = pre.scrollHeight;
    };
    const stop = client.on(
      'sessions.buildOutput',
      (line) => {
        if (loaded) append(line.text);
        else early.push(line.text);
      },
      sessionId,
    );
    const controller = new AbortController();
    client.api.sessions
      .buildLog({ id: sessionId }, { signal: controller.signal })
      .then((log) => {
        append(
          log.text ||
            (log.done ? 'The sandbox image was already built.\n' : 'Waiting for output…\n'),
        );
        // Lines that arrived while the log was loading may already be in it: skip those.
        const tail = log.text.slice(-65_536);
        for (const text of early) if (!tail.includes(text)) append(text);
        early = [];
        loaded = true;
        pre.scrollTop = pre.scrollHeight;
      })
      .catch(reportError);
    return () => {
      controller.abort();
      stop();
    };
  }, [sessionId, epoch]);

  return <pre ref={ref} className="build-log" aria-label="Creation log" tabIndex={0} />;
}
