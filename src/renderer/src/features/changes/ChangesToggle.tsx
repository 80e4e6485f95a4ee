import type { Session } from '../../../../shared/contract/sessions';
import { useStore } from '../../store';
import { isReconnecting } from '../sessions/sessionStatus';
import { countOf } from './reviewText';
import { changesRepository } from './useReviewSync';

/** The header's Changes button: opens the panel beside the chat, with the number of changed files. */
export function ChangesToggle({ session }: { session: Session }) {
  const open = useStore((s) => s.changesOpen);
  const setOpen = useStore((s) => s.setChangesOpen);
  const repository = changesRepository(session);
  const files = useStore((s) =>
    repository === null ? undefined : s.changeLists[session.id]?.[repository]?.list?.totals.files,
  );
  // No badge for none: the button is quiet until there is something to review. The last count
  // stays while the engine reconnects: the files are still there.
  const live = session.status === 'running' || isReconnecting(session.status);
  const count = live && files !== 0 ? files : undefined;
  return (
    <button
      type="button"
      className="button changes-toggle"
      aria-pressed={open}
      title={
        count === undefined
          ? 'Show the changes and review comments'
          : `${countOf(count, 'file')} changed in ${repository}`
      }
      onClick={() => setOpen(!open)}
    >
      Changes
      {count !== undefined && (
        <span className="count-badge" aria-label={countOf(count, 'changed file')}>
          {count.toLocaleString('en-US')}
        </span>
      )}
    </button>
  );
}
