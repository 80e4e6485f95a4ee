import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ChatItem } from './chatItems';
import { ChatItemView } from './ChatItemView';
import { LiveBubble } from './LiveBubble';

interface ActivityLogProps {
  sessionId: string;
  items: ChatItem[];
  hasMore: boolean;
  loadingEarlier: boolean;
  loaded: boolean;
  onLoadEarlier(): void;
}

// Within this many pixels of the end counts as "at the end": about two lines of text.
const stickSlack = 40;
// Older events start loading this far from the top, so they are usually there before it.
const loadEarlierAt = 600;
// The "Load earlier" bar above the rows; its height is fixed in agent.css to match.
const earlierBarHeight = 44;

/** A first guess of a row's height before it is measured; close guesses keep scrolling smooth. */
function estimate(item: ChatItem | undefined): number {
  switch (item?.type) {
    case 'tool':
      return item.tool === 'run_command' ? 120 : 40;
    case 'text':
      return Math.min(600, 40 + Math.ceil(item.text.length / 80) * 20);
    case 'user':
      return 60;
    case 'plan':
      return 40 + item.plan.length * 22;
    case 'finished':
      return 120;
    default:
      return 32;
  }
}

/**
 * The chat: a virtualized list of measured rows (only what is in sight is in the DOM), the live
 * bubble under it, and the newest page of the log. It follows the end while the reader is
 * there; scrolled up, it holds still and offers "↓ New activity". Near the top it loads the page
 * before, keeping what is on screen where it was.
 */
export function ActivityLog(props: ActivityLogProps) {
  const { sessionId, items, hasMore, loadingEarlier, loaded, onLoadEarlier } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [atEnd, setAtEnd] = useState(true);
  const [leftAt, setLeftAt] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const lastKey = items[items.length - 1]?.key ?? null;
  const firstKey = items[0]?.key ?? null;
  const bar = hasMore || loadingEarlier;
  const margin = bar ? earlierBarHeight : 0;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read every render on purpose; this component is not memoized
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimate(items[index]),
    getItemKey: (index) => items[index]?.key ?? index,
    overscan: 6,
    scrollMargin: margin,
    paddingStart: 12,
    paddingEnd: 4,
  });

  const toEnd = useCallback(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  // Follow the end as rows are measured and the live bubble grows, and when the log gets
  // shorter (cards appear under it), while the reader is there.
  useEffect(() => {
    const content = contentRef.current;
    const scroller = scrollRef.current;
    if (!content || !scroller) return;
    const observer = new ResizeObserver(() => {
      if (stick.current) toEnd();
    });
    observer.observe(content);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [toEnd]);

  // An earlier page went in above: keep the rows on screen where they were.
  const before = useRef<{ firstKey: string | null; height: number; top: number } | null>(null);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const was = before.current;
    if (el && was && was.firstKey !== firstKey && was.firstKey !== null && !stick.current) {
      el.scrollTop = was.top + (el.scrollHeight - was.height);
    }
    if (el) before.current = { firstKey, height: el.scrollHeight, top: el.scrollTop };
    // Only when rows come or go: reading scrollHeight forces a layout, and live text renders
    // many times a second.
  }, [firstKey, items.length]);

  const onScroll = (): void => {
    const el = scrollRef.current;
    if (!el) return;
    const end = el.scrollHeight - el.scrollTop - el.clientHeight < stickSlack;
    stick.current = end;
    before.current = { firstKey, height: el.scrollHeight, top: el.scrollTop };
    if (end !== atEnd) {
      setAtEnd(end);
      setLeftAt(end ? null : lastKey);
    }
    if (el.scrollTop < loadEarlierAt && hasMore && !loadingEarlier && !end) onLoadEarlier();
  };

  const jumpToEnd = (): void => {
    stick.current = true;
    setAtEnd(true);
    setLeftAt(null);
    toEnd();
  };

  const toggle = (key: string): void =>
    setExpanded((set) => {
      const next = new Set(set);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const rows = virtualizer.getVirtualItems();
  const showNew = !atEnd && leftAt !== lastKey;
  return (
    <div className="activity">
      <div
        ref={scrollRef}
        className="activity-scroll"
        role="log"
        aria-label="Activity"
        // Rows mount and unmount as the list scrolls: a live region would read them all out.
        aria-live="off"
        tabIndex={0}
        onScroll={onScroll}
      >
        <div ref={contentRef}>
          {bar && (
            <div className="activity-earlier">
              <button
                type="button"
                className="button small"
                disabled={loadingEarlier}
                onClick={onLoadEarlier}
              >
                {loadingEarlier ? 'Loading earlier…' : 'Load earlier'}
              </button>
            </div>
          )}
          <div className="activity-rows" style={{ height: virtualizer.getTotalSize() }}>
            {rows.map((row) => {
              const item = items[row.index];
              if (!item) return null;
              return (
                <div
                  key={row.key}
                  data-index={row.index}
                  ref={virtualizer.measureElement}
                  className="activity-row"
                  style={{ transform: `translateY(${row.start - margin}px)` }}
                >
                  <ChatItemView
                    item={item}
                    sessionId={sessionId}
                    expanded={expanded.has(item.key)}
                    onToggle={() => toggle(item.key)}
                  />
                </div>
              );
            })}
          </div>
          <LiveBubble sessionId={sessionId} />
          {loaded && items.length === 0 && (
            <p className="activity-empty muted">
              Nothing here yet. Tell the agent what to do below.
            </p>
          )}
        </div>
      </div>
      {showNew && (
        <button type="button" className="button small new-activity" onClick={jumpToEnd}>
          ↓ New activity
        </button>
      )}
    </div>
  );
}
