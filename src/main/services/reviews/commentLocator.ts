import type { CommentPosition, FileSide } from '../../../shared/contract';
import type { ReviewCommentsTable, StoredComment } from '../../storage/reviewCommentsTable';
import { reanchor } from './reanchor';
import type { RepositoryPlace, SandboxReader, SideRequest } from './sandboxReader';

const key = (r: SideRequest) => `${r.side}\0${r.path}`;

function samePosition(a: CommentPosition, b: CommentPosition): boolean {
  return (
    a.path === b.path &&
    a.startLine === b.startLine &&
    a.endLine === b.endLine &&
    a.status === b.status
  );
}

/**
 * Finds where comments' lines are now: reads every file they are on in one exec (a second one
 * only when a file is gone and may have been renamed), diffs the text each comment was made on
 * with the current one, and stores the positions that changed.
 */
export class CommentLocator {
  constructor(
    private readonly reader: SandboxReader,
    private readonly table: ReviewCommentsTable,
  ) {}

  /** Re-anchors the comments of one repository; true when any of them moved. */
  async relocate(place: RepositoryPlace, comments: readonly StoredComment[]): Promise<boolean> {
    if (comments.length === 0) return false;
    const texts = await this.read(place, comments.flatMap(candidates));
    const lost = comments.filter((c) => current(c, texts) === null && c.anchor.side === 'work');
    const renamed = lost.length > 0 ? await this.renames(place, lost) : new Map<string, string>();
    if (renamed.size > 0) {
      const more = await this.read(
        place,
        [...renamed.values()].map((path) => ({ side: 'work' as const, path })),
      );
      for (const [k, v] of more) texts.set(k, v);
    }
    let moved = false;
    for (const comment of comments) {
      const found = current(comment, texts) ?? this.renamedTo(comment, renamed, texts) ?? null;
      const snapshot = this.table.snapshot(comment.snapshotSha) ?? comment.anchor.lines.join('\n');
      const position = reanchor(comment.anchor, snapshot, found);
      if (!samePosition(position, comment.position)) {
        this.table.update(comment.sessionId, comment.id, { position });
        moved = true;
      }
    }
    return moved;
  }

  private async read(
    place: RepositoryPlace,
    requests: readonly SideRequest[],
  ): Promise<Map<string, string | null>> {
    const unique = [...new Map(requests.map((r) => [key(r), r])).values()];
    const { sides } = await this.reader.sides(place, unique);
    return new Map(unique.map((r, i) => [key(r), textOf(sides[i])]));
  }

  /** Old path → new path, for the lost comments' files that git sees as renamed. */
  private async renames(
    place: RepositoryPlace,
    lost: readonly StoredComment[],
  ): Promise<Map<string, string>> {
    const wanted = new Set(lost.flatMap((c) => [c.anchor.path, c.position.path]));
    const list = await this.reader.changes(place);
    const renamed = new Map<string, string>();
    for (const file of list.files) {
      if (file.oldPath !== undefined && wanted.has(file.oldPath))
        renamed.set(file.oldPath, file.path);
    }
    return renamed;
  }

  private renamedTo(
    comment: StoredComment,
    renamed: Map<string, string>,
    texts: Map<string, string | null>,
  ): { path: string; text: string } | null {
    const path = renamed.get(comment.position.path) ?? renamed.get(comment.anchor.path);
    if (path === undefined) return null;
    const text = texts.get(key({ side: 'work', path }));
    return text == null ? null : { path, text };
  }
}

/** The files a comment may be on now: where it was last seen, then where it was made. */
function candidates(comment: StoredComment): SideRequest[] {
  const side = comment.anchor.side;
  if (side === 'base') return [{ side, path: comment.anchor.path }];
  return [
    { side, path: comment.position.path },
    { side, path: comment.anchor.path },
  ];
}

function current(
  comment: StoredComment,
  texts: Map<string, string | null>,
): { path: string; text: string } | null {
  for (const request of candidates(comment)) {
    const text = texts.get(key(request));
    if (text != null) return { path: request.path, text };
  }
  return null;
}

function textOf(side: FileSide | undefined): string | null {
  return side?.kind === 'text' ? side.text : null;
}
