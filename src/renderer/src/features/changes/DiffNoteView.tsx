import type { FileDiff } from '../../../../shared/contract/reviews';
import { diffNote } from './diffNote';

/** What is shown instead of a diff for binary, too large, symlink and submodule sides. */
export function DiffNoteView({ diff, baseBranch }: { diff: FileDiff; baseBranch: string | null }) {
  const note = diffNote(diff);
  return (
    <div className="diff-note" role="note">
      <p className="diff-note-title">{note.title}</p>
      <dl className="diff-note-sides">
        <div>
          <dt>{baseBranch ? `Base (${baseBranch})` : 'Base'}</dt>
          <dd>{note.base}</dd>
        </div>
        <div>
          <dt>Working tree</dt>
          <dd>{note.work}</dd>
        </div>
      </dl>
    </div>
  );
}
