import { useState } from 'react';
import type { CommentDraft } from '../diffEditorTypes';
import { linesLabel, type SideRange } from './lineSelection';
import { CommentTextArea } from './CommentTextArea';
import { useAsyncAction } from './useAsyncAction';

interface CommentComposerProps {
  range: SideRange;
  onAdd(draft: CommentDraft): Promise<void>;
  onClose(): void;
}

/** A new comment on lines of one side, written in a zone under the range's last line. */
export function CommentComposer({ range, onAdd, onClose }: CommentComposerProps) {
  const [body, setBody] = useState('');
  const save = useAsyncAction();
  const lines = linesLabel(range);

  const submit = async (): Promise<void> => {
    const done = await save.run(() => onAdd({ ...range, body: body.trim() }));
    if (done) onClose();
  };

  return (
    <section className="diff-comment drafting" aria-label={`New comment on ${lines}`}>
      <div className="diff-comment-head">
        <span className="diff-comment-lines">
          New comment on {lines}
          {range.side === 'base' && <span className="diff-comment-side"> · base</span>}
        </span>
      </div>
      <CommentTextArea
        label="Comment"
        value={body}
        busy={save.busy}
        error={save.error}
        onChange={setBody}
        onSave={() => void submit()}
        onCancel={onClose}
      />
    </section>
  );
}
