import type { Ref } from 'react';
import type { CommentSide, ReviewComment } from '../../../../shared/contract/reviews';

/** How the diff is laid out: base and working tree side by side, or one inline view. */
export type DiffLayout = 'split' | 'inline';

/** A comment being written: the lines it is on. */
export interface CommentDraft {
  side: CommentSide;
  startLine: number;
  endLine: number;
  body: string;
}

/** What the Changes panel can ask of the open diff (its keyboard shortcuts call these). */
export interface DiffEditorHandle {
  nextChange(): void;
  previousChange(): void;
  focus(): void;
}

/**
 * The Monaco diff of one text file with its comments inline. Loaded lazily (Monaco is large);
 * the panel shows notes, not this, for binary, too large, symlink and submodule sides.
 */
export interface DiffEditorProps {
  /** Identifies the file: a new key means another file (view state resets); same key, new text = a refresh. */
  fileKey: string;
  /** The path on each side (for the language by extension and labels). */
  path: string;
  /** The base text ('' when the file is new) and the working-tree text ('' when deleted). */
  baseText: string;
  workText: string;
  /** The comments to show inline: those on this file that are not outdated. */
  comments: ReviewComment[];
  layout: DiffLayout;
  onAddComment(draft: CommentDraft): Promise<void>;
  onEditComment(id: string, body: string): Promise<void>;
  onDeleteComment(id: string): Promise<void>;
  onResolveComment(id: string, resolved: boolean): Promise<void>;
  handleRef?: Ref<DiffEditorHandle>;
}
