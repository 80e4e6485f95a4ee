import type { KeyboardEvent, ReactNode } from 'react';
import type { ChangeList } from '../../../../shared/contract/reviews';
import type { ChangesTab } from '../../store/reviewsSlice';
import { totalsText } from './reviewText';

interface ChangesTabsProps {
  tab: ChangesTab;
  onTab(tab: ChangesTab): void;
  files: number;
  comments: number;
  totals: ChangeList['totals'];
}

const order: ChangesTab[] = ['files', 'comments'];

/** Files | Comments, with their counts, and the totals at the right. ← and → switch. */
export function ChangesTabs({ tab, onTab, files, comments, totals }: ChangesTabsProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = order[(order.indexOf(tab) + 1) % order.length] ?? 'files';
    onTab(next);
    event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')[order.indexOf(next)]?.focus();
  };
  return (
    <div className="changes-tabs" role="tablist" aria-label="Changes view" onKeyDown={onKeyDown}>
      <TabButton selected={tab === 'files'} onClick={() => onTab('files')}>
        Files <span className="tab-count">{files.toLocaleString('en-US')}</span>
      </TabButton>
      <TabButton selected={tab === 'comments'} onClick={() => onTab('comments')}>
        Comments <span className="tab-count">{comments.toLocaleString('en-US')}</span>
      </TabButton>
      {totals.files > 0 && <span className="changes-totals">{totalsText(totals)}</span>}
    </div>
  );
}

function TabButton({
  selected,
  onClick,
  children,
}: {
  selected: boolean;
  onClick(): void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      role="tab"
      className="changes-tab"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
