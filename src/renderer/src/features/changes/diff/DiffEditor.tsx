import { useCallback, useEffect, useImperativeHandle, useState, useSyncExternalStore } from 'react';
import type { CommentDraft, DiffEditorProps } from '../diffEditorTypes';
import { showCommentZones } from './commentZones';
import { DiffView, type DiffViewState } from './diffView';
import { sameRange, type SideRange } from './lineSelection';

const noState: DiffViewState = { selection: null, diffVersion: 0 };
const noSubscription = (): (() => void) => () => {};

/**
 * The Monaco diff of one file (base left, working tree right, or inline) with its review
 * comments in the text: select lines on either side (or click and shift-click line numbers)
 * and press "Add comment" or Ctrl/Cmd+Alt+C to write one. Loaded lazily by the Changes panel:
 * this module is the only way Monaco enters the renderer.
 */
export default function DiffEditor(props: DiffEditorProps) {
  const { fileKey, path, baseText, workText, layout, comments, handleRef } = props;
  const [view, setView] = useState<DiffView | null>(null);
  const [composer, setComposer] = useState<{ fileKey: string; range: SideRange } | null>(null);
  // A composer belongs to the file it was opened on: another file closes it.
  if (composer && composer.fileKey !== fileKey) setComposer(null);
  const composerRange = composer?.fileKey === fileKey ? composer.range : null;
  const { selection, diffVersion } = useSyncExternalStore(
    view?.subscribe ?? noSubscription,
    view?.getState ?? (() => noState),
  );

  const attach = useCallback((host: HTMLDivElement | null) => {
    if (!host) return;
    const created = new DiffView(host);
    setView(created);
    return () => {
      created.dispose();
      setView(null);
    };
  }, []);

  useEffect(() => view?.setLayout(layout), [view, layout]);
  useEffect(
    () => view?.setFile(fileKey, path, baseText, workText),
    [view, fileKey, path, baseText, workText],
  );

  useEffect(
    () => view?.whenCommentRequested((range) => setComposer({ fileKey, range })),
    [view, fileKey],
  );

  useEffect(() => {
    view?.showButton(selection && !sameRange(selection, composerRange) ? selection : null);
  }, [view, selection, composerRange]);

  // The composer's lines move with their text when the file is refreshed (see trackDraft).
  useEffect(() => view?.trackDraft(composerRange), [view, composerRange]);

  const { onAddComment, onEditComment, onDeleteComment, onResolveComment } = props;
  useEffect(() => {
    if (!view) return;
    showCommentZones(view, {
      comments,
      composer: composerRange && (view.draftRange() ?? composerRange),
      actions: { onEdit: onEditComment, onDelete: onDeleteComment, onResolve: onResolveComment },
      onAdd: (draft: CommentDraft) => onAddComment(draft),
      onCloseComposer: () => {
        setComposer(null);
        view.clearSelection();
        if (composerRange) view.focus(composerRange.side);
      },
    });
    // A new diff (the file changed, or a new layout) moves lines: place the zones again.
  }, [
    view,
    comments,
    composerRange,
    diffVersion,
    layout,
    onAddComment,
    onEditComment,
    onDeleteComment,
    onResolveComment,
  ]);

  useImperativeHandle(
    handleRef,
    () => ({
      nextChange: () => view?.diff.goToDiff('next'),
      previousChange: () => view?.diff.goToDiff('previous'),
      focus: () => view?.focus(),
    }),
    [view],
  );

  return <div className="diff-editor" data-testid="diff-editor" ref={attach} />;
}
