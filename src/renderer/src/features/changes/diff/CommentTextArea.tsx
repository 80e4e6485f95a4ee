import { useEffect, useRef, type KeyboardEvent } from 'react';
import { ADD_COMMENT_SHORTCUT } from './addCommentWidget';

const SAVE_KEYS = ADD_COMMENT_SHORTCUT.startsWith('⌘') ? '⌘↩' : 'Ctrl+Enter';

interface CommentTextAreaProps {
  label: string;
  value: string;
  busy: boolean;
  error: string | null;
  onChange(value: string): void;
  onSave(): void;
  onCancel(): void;
}

/**
 * The text box of a new or edited comment, with its Cancel and Save buttons. It takes the
 * focus when it appears (without scrolling Monaco's hidden-overflow layers: the zone reveals
 * itself); Ctrl/Cmd+Enter saves, Esc cancels.
 */
export function CommentTextArea(props: CommentTextAreaProps) {
  const { label, value, busy, error, onChange, onSave, onCancel } = props;
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus({ preventScroll: true }), []);
  const empty = value.trim() === '';

  const keyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!empty && !busy) onSave();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };

  return (
    <>
      <textarea
        ref={box}
        className="diff-comment-input"
        aria-label={label}
        placeholder="Leave a comment for the agent"
        value={value}
        rows={3}
        readOnly={busy}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={keyDown}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="diff-comment-actions">
        <button type="button" className="button small" onClick={onCancel} title="Cancel (Esc)">
          Cancel
        </button>
        <button
          type="button"
          className="button small primary"
          disabled={empty || busy}
          onClick={onSave}
          title={`Save comment (${SAVE_KEYS})`}
        >
          {busy ? 'Saving…' : 'Save comment'}
        </button>
      </div>
    </>
  );
}
