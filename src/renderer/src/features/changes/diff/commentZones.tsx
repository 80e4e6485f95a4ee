import type { ReviewComment } from '../../../../../shared/contract/reviews';
import type { CommentDraft } from '../diffEditorTypes';
import { CommentComposer } from './CommentComposer';
import { CommentThread, type CommentActions } from './CommentThread';
import type { DiffView, Highlight, RangePlace } from './diffView';
import type { SideRange } from './lineSelection';
import type { WantedZone, ZonePlacement } from './zoneHost';

// Order of zones under one line: comments by age, then the composer, so a new comment is
// written below the ones already there; all after Monaco's zone of deleted lines (10,000),
// except those that go above it (inline, base side: see placeBaseRange).
const ORDINALS = {
  below: { comment: 20_000, composer: 30_000 },
  above: { comment: 1_000, composer: 9_000 },
};

function placement(place: RangePlace, kind: 'comment' | 'composer', index = 0): ZonePlacement {
  const { editor, afterLine, aboveDeleted } = place;
  const ordinal = ORDINALS[aboveDeleted ? 'above' : 'below'][kind] + index;
  return { editor, afterLine, ordinal, gap: aboveDeleted };
}

export interface ZoneInputs {
  comments: readonly ReviewComment[];
  composer: SideRange | null;
  actions: CommentActions;
  onAdd(draft: CommentDraft): Promise<void>;
  onCloseComposer(): void;
}

/**
 * Puts the comments and the composer in view zones under their lines (on their side, or
 * mapped onto the inline view) and highlights their lines. Each zone keeps its React tree
 * while it exists, so text being written survives refreshes and layout switches.
 */
export function showCommentZones(view: DiffView, inputs: ZoneInputs): void {
  const zones = new Map<string, WantedZone>();
  const highlights: Highlight[] = [];
  const ordered = [...inputs.comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  ordered.forEach((comment, index) => {
    const range = { startLine: comment.position.startLine, endLine: comment.position.endLine };
    const place = view.place(comment.anchor.side, range);
    zones.set(`comment:${comment.id}`, {
      placement: placement(place, 'comment', index),
      content: <CommentThread comment={comment} actions={inputs.actions} />,
    });
    if (!comment.resolved)
      highlights.push({ side: comment.anchor.side, range, className: 'diff-commented-line' });
  });
  const { composer } = inputs;
  if (composer) {
    const place = view.place(composer.side, composer);
    zones.set('composer', {
      placement: { ...placement(place, 'composer'), reveal: true },
      content: (
        <CommentComposer range={composer} onAdd={inputs.onAdd} onClose={inputs.onCloseComposer} />
      ),
    });
    highlights.push({ side: composer.side, range: composer, className: 'diff-draft-line' });
  }
  view.zones.sync(zones);
  view.setHighlights(highlights);
}
