import { useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import type { ChangeList, ChangedFile, ReviewComment } from '../../../../shared/contract/reviews';
import { useStore } from '../../store';
import { buildTree, foldersOf, listRows, treeFileOrder, treeRows } from './changeTree';
import type { FileView } from './ChangesHeader';
import { commentsOnFile } from './commentGroups';
import { CommentList } from './CommentList';
import type { DiffEditorHandle, DiffLayout } from './diffEditorTypes';
import { DiffPane } from './DiffPane';
import { FileList } from './FileList';
import { ChangesTabs } from './ChangesTabs';
import { countOf } from './reviewText';
import { useChangesShortcuts } from './useChangesShortcuts';

interface ChangesBrowserProps {
  sessionId: string;
  repository: string;
  list: ChangeList;
  comments: ReviewComment[];
  view: FileView;
  layout: DiffLayout;
  /** Shown above the list when a refresh failed (the last list stays). */
  notice: ReactNode;
  /** The whole panel: its shortcuts work wherever the focus is in it. */
  panelRef: RefObject<HTMLElement | null>;
  onOpenComment(repository: string, path: string): void;
}

/** The files (or the comments) above, the open file's diff below, resizable between them. */
export function ChangesBrowser(props: ChangesBrowserProps) {
  const { sessionId, repository, list, comments, view } = props;
  const rowsLayout = useDefaultLayout({ id: 'berth.changes.rows', storage: window.localStorage });
  const tab = useStore((s) => s.changesTab);
  const setTab = useStore((s) => s.showChanges);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const selection = useStore((s) => s.changesSelection[sessionId]);
  const select = useStore((s) => s.selectChangedFile);
  const handleRef = useRef<DiffEditorHandle>(null);

  const tree = useMemo(() => buildTree(list.files), [list.files]);
  const flat = useMemo(() => listRows(list.files), [list.files]);
  const rows = useMemo(
    () => (view === 'tree' ? treeRows(tree, collapsed) : flat),
    [view, tree, collapsed, flat],
  );
  const order = useMemo(
    () =>
      view === 'tree'
        ? treeFileOrder(tree)
        : flat.flatMap((r) => (r.kind === 'file' ? [r.file] : [])),
    [view, tree, flat],
  );

  const selectedPath = selection?.repository === repository ? selection.path : undefined;
  const file = list.files.find((f) => f.path === selectedPath);
  const repositoryComments = comments.filter((c) => c.repository === repository);
  const counts = new Map<string, number>();
  for (const c of repositoryComments) {
    counts.set(c.position.path, (counts.get(c.position.path) ?? 0) + 1);
  }

  const open = (next: ChangedFile): void => {
    select(sessionId, { repository, path: next.path });
    // A file opened by step or from a comment shows in the tree: its folders open.
    const folders = foldersOf(next.path);
    if (folders.some((f) => collapsed.has(f))) {
      setCollapsed((old) => new Set([...old].filter((f) => !folders.includes(f))));
    }
  };

  const step = (direction: 1 | -1): void => {
    const at = file ? order.indexOf(file) : -1;
    const next = at < 0 ? order[direction === 1 ? 0 : order.length - 1] : order[at + direction];
    if (next) open(next);
  };

  useChangesShortcuts(props.panelRef, {
    nextFile: () => step(1),
    previousFile: () => step(-1),
    nextChange: () => handleRef.current?.nextChange(),
    previousChange: () => handleRef.current?.previousChange(),
  });

  return (
    <div className="changes-browser">
      <Group
        orientation="vertical"
        className="changes-rows"
        defaultLayout={rowsLayout.defaultLayout}
        onLayoutChanged={rowsLayout.onLayoutChanged}
      >
        <Panel id="files" defaultSize="32%" minSize="72px" className="panel changes-list-panel">
          <ChangesTabs
            tab={tab}
            onTab={setTab}
            files={list.files.length}
            comments={comments.length}
            totals={list.totals}
          />
          {props.notice}
          {/* Both stay mounted: each keeps its own scroll position across tab switches. */}
          <div
            className="changes-list-scroll"
            role="tabpanel"
            aria-label="Files"
            hidden={tab !== 'files'}
          >
            {list.files.length === 0 ? (
              <p className="changes-empty-line muted">
                No changes against {list.baseBranch ?? 'the base'}
              </p>
            ) : (
              <>
                <FileList
                  rows={rows}
                  tree={view === 'tree'}
                  selectedPath={selectedPath}
                  commentCounts={counts}
                  onOpen={open}
                  onToggleFolder={(path, expanded) =>
                    setCollapsed((old) => {
                      const next = new Set(old);
                      if (expanded) next.delete(path);
                      else next.add(path);
                      return next;
                    })
                  }
                />
                {list.truncated && (
                  <p className="changes-empty-line muted">
                    Showing the first {countOf(list.files.length, 'file')}; there are more.
                  </p>
                )}
              </>
            )}
          </div>
          <div
            className="changes-list-scroll"
            role="tabpanel"
            aria-label="Comments"
            hidden={tab !== 'comments'}
          >
            <CommentList
              sessionId={sessionId}
              comments={comments}
              repository={repository}
              onOpenFile={props.onOpenComment}
            />
          </div>
        </Panel>
        <Separator className="separator horizontal" />
        <Panel id="diff" defaultSize="68%" minSize="120px" className="panel">
          <DiffPane
            sessionId={sessionId}
            repository={repository}
            baseBranch={list.baseBranch}
            file={file}
            gone={selectedPath !== undefined && file === undefined}
            version={list}
            comments={file ? commentsOnFile(repositoryComments, repository, file) : []}
            layout={props.layout}
            handleRef={handleRef}
            onStep={step}
            canStep={order.length > 0}
          />
        </Panel>
      </Group>
    </div>
  );
}
