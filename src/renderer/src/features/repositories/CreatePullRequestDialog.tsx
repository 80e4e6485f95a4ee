import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PullRequestDraft, SessionRepository } from '../../../../shared/contract/repositories';
import type { Session } from '../../../../shared/contract/sessions';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { isCancelled } from '../../lib/errorMessage';
import { fieldErrorOf, type FieldError } from '../../lib/fieldError';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';

interface CreatePullRequestDialogProps {
  session: Session;
  repository: SessionRepository;
  onClose(): void;
}

/**
 * Pushes the session branch from this machine and opens a pull request. The title and
 * description start from a draft (the task and the commits); errors (a rejected push, bad
 * credentials, the forge refusing) show here, with what was typed kept.
 */
export function CreatePullRequestDialog({
  session,
  repository,
  onClose,
}: CreatePullRequestDialogProps) {
  const [drafting, setDrafting] = useState(true);
  const [title, setTitle] = useState<string | null>(null);
  const [body, setBody] = useState<string | null>(null);
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState<PullRequestDraft | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const notify = useStore((s) => s.notify);
  const target = { sessionId: session.id, repository: repository.name };
  const { sessionId, repository: repositoryName } = target;

  useEffect(() => {
    const controller = new AbortController();
    api()
      .repositories.pullRequestDraft(
        { sessionId, repository: repositoryName },
        { signal: controller.signal },
      )
      .then((draft) => {
        // Whatever the user typed meanwhile stays.
        setTitle((typed) => typed ?? draft.title);
        setBody((typed) => typed ?? draft.body);
        setDraft(draft);
        setDrafting(false);
        titleRef.current?.focus();
      })
      .catch((failure: unknown) => {
        if (isCancelled(failure)) return;
        setError(fieldErrorOf(failure));
        setDrafting(false);
      });
    return () => controller.abort();
  }, [sessionId, repositoryName]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const pull = await api().repositories.createPullRequest({
        ...target,
        title: title ?? '',
        body: body ?? '',
      });
      notify('info', `Opened pull request #${pull.number}: ${pull.title}`);
      onClose();
    } catch (failure) {
      setError(fieldErrorOf(failure));
      setBusy(false);
    }
  };

  const source = repository.source;
  const where =
    source.kind === 'url'
      ? `Pushed from this machine to ${source.url}.`
      : `Brought home to ${source.path}, then pushed from this machine to its origin remote.`;
  const titleError = error?.field === 'title' ? error.message : null;
  const bodyError = error?.field === 'body' ? error.message : null;
  return (
    <Modal label="Create pull request" onClose={onClose} initialFocus={titleRef} size="wide">
      <form className="dialog-body" onSubmit={submit} noValidate>
        <h2 className="dialog-title">Create pull request</h2>
        <p className="pr-route">
          <span className="mono">{session.branch}</span> →{' '}
          <span className="mono">{repository.baseBranch}</span>
        </p>
        <p className="dialog-text">{where}</p>
        {drafting && (
          <p className="field-note" role="status">
            Drafting the title and description from the session’s work…
          </p>
        )}
        {draft?.draftedBy === 'agent' && (
          <p className="field-note">
            Drafted by the agent from the session’s work; edit it as you like.
          </p>
        )}
        {draft?.note && <p className="field-note">{draft.note}</p>}
        {draft && draft.uncommitted.length > 0 && (
          <p className="dialog-text" role="note" aria-label="Uncommitted changes">
            {draft.uncommitted.length} uncommitted file{draft.uncommitted.length === 1 ? '' : 's'}{' '}
            will be committed on <span className="mono">{session.branch}</span> with this title and
            description first:{' '}
            <span className="mono">{draft.uncommitted.slice(0, 5).join(', ')}</span>
            {draft.uncommitted.length > 5 ? ` and ${draft.uncommitted.length - 5} more` : ''}.
          </p>
        )}
        <Field label="Title" error={titleError}>
          {(control) => (
            <input
              {...control}
              ref={titleRef}
              className="input"
              value={title ?? ''}
              maxLength={256}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        <Field label="Description" error={bodyError}>
          {(control) => (
            <textarea
              {...control}
              className="input textarea"
              rows={10}
              value={body ?? ''}
              onChange={(e) => setBody(e.target.value)}
            />
          )}
        </Field>
        {error && !titleError && !bodyError && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
