import type { ChangedFile } from '../../../../shared/contract/reviews';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import type { CommentDraft } from './diffEditorTypes';

/**
 * The comment calls of the Changes panel and the diff. Each puts its answer in the store at once
 * (the `reviews.comments` event with all of them follows); a failure rejects with the RpcError,
 * for whoever asked to show where it was asked, keeping what was written.
 */
export async function addComment(
  sessionId: string,
  repository: string,
  file: Pick<ChangedFile, 'path' | 'oldPath'>,
  draft: CommentDraft,
): Promise<void> {
  const comment = await api().reviews.addComment({
    sessionId,
    repository,
    // The base side of a renamed file has its old path.
    path: draft.side === 'base' ? (file.oldPath ?? file.path) : file.path,
    side: draft.side,
    startLine: draft.startLine,
    endLine: draft.endLine,
    body: draft.body,
  });
  useStore.getState().upsertReviewComment(comment);
}

export async function editComment(sessionId: string, id: string, body: string): Promise<void> {
  const comment = await api().reviews.updateComment({ sessionId, id, body });
  useStore.getState().upsertReviewComment(comment);
}

export async function resolveComment(
  sessionId: string,
  id: string,
  resolved: boolean,
): Promise<void> {
  const comment = await api().reviews.updateComment({ sessionId, id, resolved });
  useStore.getState().upsertReviewComment(comment);
}

export async function deleteComment(sessionId: string, id: string): Promise<void> {
  await api().reviews.deleteComment({ sessionId, id });
  useStore.getState().removeReviewComment(sessionId, id);
}
