import { useRef, type ReactNode } from 'react';
import type { ReviewComment } from '../../../../shared/contract/reviews';
import type { Session } from '../../../../shared/contract/sessions';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { reportError } from '../../store/sync';
import { seedText } from '../repositories/repositoryText';
import { isReconnecting } from '../sessions/sessionStatus';
import { ChangesBrowser } from './ChangesBrowser';
import { ChangesHeader, type FileView } from './ChangesHeader';
import { CommentList } from './CommentList';
import type { DiffLayout } from './diffEditorTypes';
import { changesRepository } from './useReviewSync';
import { useStoredChoice } from './useStoredChoice';

const noComments: ReviewComment[] = [];

/**
 * The session's changes beside the chat: the primary repository's changed files against the
 * merge base with its base branch, the open file's diff with its comments, and every comment.
 * It follows the primary repository and refreshes by itself (useReviewSync keeps the list).
 */
export function ChangesPanel({ session }: { session: Session }) {
  const sessionId = session.id;
  const panelRef = useRef<HTMLElement>(null);
  const setOpen = useStore((s) => s.setChangesOpen);
  const retry = useStore((s) => s.retryChanges);
  const select = useStore((s) => s.selectChangedFile);
  const repository = changesRepository(session);
  const changes = useStore((s) =>
    repository === null ? undefined : s.changeLists[sessionId]?.[repository],
  );
  const comments = useStore((s) => s.reviewComments[sessionId]) ?? noComments;
  const [view, setView] = useStoredChoice<FileView>('berth.changes.view', ['tree', 'list'], 'tree');
  const [layout, setLayout] = useStoredChoice<DiffLayout>(
    'berth.diff.layout',
    ['split', 'inline'],
    'split',
  );
  const running = session.status === 'running';
  const seed = session.repositories.find((r) => r.name === repository)?.seed;

  const openComment = (commentRepository: string, path: string): void => {
    select(sessionId, { repository: commentRepository, path });
    if (commentRepository === repository) return;
    // The panel follows the primary repository: a comment elsewhere makes that one primary.
    api().repositories.setPrimary({ sessionId, repository: commentRepository }).catch(reportError);
  };

  const errorBox = (message: string): ReactNode => (
    <div className="changes-error" role="alert">
      <span>{message}</span>
      <button type="button" className="button small" onClick={() => retry(sessionId)}>
        Retry
      </button>
    </div>
  );

  let body: ReactNode;
  if (repository === null) {
    body = <Empty title="This session has no repositories" />;
  } else if (!running) {
    body = (
      <div className="changes-stopped">
        {isReconnecting(session.status) ? (
          <Empty
            title="Reconnecting to the engine…"
            detail="The changes are read again as soon as the sandbox answers; nothing in it is lost."
          />
        ) : (
          <Empty title="Start the session to see its changes" />
        )}
        <CommentList sessionId={sessionId} comments={comments} repository={repository} />
      </div>
    );
  } else if (seed !== 'ready') {
    body = <Empty title={`${repository} is ${seed ? seedText(seed) : 'not checked out'}`} />;
  } else if (changes?.list && changes.list.files.length === 0 && comments.length === 0) {
    body = (
      <Empty
        title={`No changes against ${changes.list.baseBranch ?? 'the base'}`}
        detail="Files the agent or a terminal changes show up here as they change."
      />
    );
  } else if (changes?.list) {
    body = (
      <ChangesBrowser
        sessionId={sessionId}
        repository={repository}
        list={changes.list}
        comments={comments}
        view={view}
        layout={layout}
        panelRef={panelRef}
        notice={
          changes.error ? errorBox(`The changes could not be read again: ${changes.error}`) : null
        }
        onOpenComment={openComment}
      />
    );
  } else if (changes?.error) {
    body = (
      <div className="changes-empty" role="alert">
        <p className="changes-empty-title">The changes could not be read</p>
        <p className="changes-error-text">{changes.error}</p>
        <button type="button" className="button small" onClick={() => retry(sessionId)}>
          Retry
        </button>
      </div>
    );
  } else {
    body = <Empty title="Reading the changes…" quiet />;
  }

  return (
    <section ref={panelRef} className="changes-panel" aria-label="Changes">
      <ChangesHeader
        repository={repository}
        list={running ? changes?.list : undefined}
        refreshing={running && (changes?.loading ?? false) && changes?.list !== undefined}
        view={view}
        onView={setView}
        layout={layout}
        onLayout={setLayout}
        onClose={() => setOpen(false)}
      />
      {body}
    </section>
  );
}

function Empty({
  title,
  detail,
  quiet = false,
}: {
  title: string;
  detail?: string;
  quiet?: boolean;
}) {
  return (
    <div className="changes-empty">
      <p className={quiet ? 'muted' : 'changes-empty-title'}>{title}</p>
      {detail && <p className="muted">{detail}</p>}
    </div>
  );
}
