import type { ReactNode } from 'react';
import type { ChangeList } from '../../../../shared/contract/reviews';
import type { DiffLayout } from './diffEditorTypes';
import { CloseIcon, InlineIcon, ListIcon, SplitIcon, TreeIcon } from './icons';

export type FileView = 'tree' | 'list';

interface ChangesHeaderProps {
  repository: string | null;
  list: ChangeList | undefined;
  refreshing: boolean;
  view: FileView;
  onView(view: FileView): void;
  layout: DiffLayout;
  onLayout(layout: DiffLayout): void;
  onClose(): void;
}

/** The panel's strip: what is compared with what, the view toggles and close. */
export function ChangesHeader(props: ChangesHeaderProps) {
  const { repository, list } = props;
  return (
    <header className="changes-header">
      <h2 className="changes-title">Changes</h2>
      {repository !== null && (
        <span className="changes-scope" title={list?.mergeBase ?? undefined}>
          <span className="changes-repository">{repository}</span>
          {list?.baseBranch && <span className="muted"> vs {list.baseBranch}</span>}
        </span>
      )}
      {props.refreshing && <span className="spinner" role="status" aria-label="Refreshing" />}
      <span className="spacer" />
      {repository !== null && <ViewToggles {...props} />}
      <button
        type="button"
        className="icon-button"
        aria-label="Close the changes"
        title="Close the changes"
        onClick={props.onClose}
      >
        <CloseIcon />
      </button>
    </header>
  );
}

function ViewToggles(props: ChangesHeaderProps) {
  return (
    <>
      <div className="segmented" role="group" aria-label="File view">
        <ToggleButton
          label="Tree"
          pressed={props.view === 'tree'}
          onClick={() => props.onView('tree')}
        >
          <TreeIcon />
        </ToggleButton>
        <ToggleButton
          label="Flat list"
          pressed={props.view === 'list'}
          onClick={() => props.onView('list')}
        >
          <ListIcon />
        </ToggleButton>
      </div>
      <div className="segmented" role="group" aria-label="Diff layout">
        <ToggleButton
          label="Side by side"
          pressed={props.layout === 'split'}
          onClick={() => props.onLayout('split')}
        >
          <SplitIcon />
        </ToggleButton>
        <ToggleButton
          label="Inline"
          pressed={props.layout === 'inline'}
          onClick={() => props.onLayout('inline')}
        >
          <InlineIcon />
        </ToggleButton>
      </div>
    </>
  );
}

function ToggleButton({
  label,
  pressed,
  onClick,
  children,
}: {
  label: string;
  pressed: boolean;
  onClick(): void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="segmented-button"
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
