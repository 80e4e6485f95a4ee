import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangedFile, ReviewComment, Session } from '../../../shared/contract';
import { startHost, type HostHarness } from '../../testing/hostHarness';
import { makeRepo, removeTempRepos } from '../../testing/repoFactory';
import { sandboxRun } from '../../testing/sandboxShell';

// The review on the real engine with real git: the changes of a session against its base
// branch (committed, staged, unstaged, untracked; renames, deletions, nasty files), file sides
// for the diff, and comments that follow their lines as the files change.

const calc = Array.from({ length: 30 }, (_, i) => `const v${i + 1} = ${i + 1};`).join('\n') + '\n';

describe('review of a session on the real engine', () => {
  let h: HostHarness;
  let session: Session;
  const sh = (script: string) => sandboxRun(session.containerId!, `cd /workspace/app && ${script}`);
  const target = () => ({ sessionId: session.id, repository: 'app' });
  const byPath = (files: ChangedFile[]) => new Map(files.map((f) => [f.path, f]));

  beforeAll(async () => {
    const repo = await makeRepo({
      files: {
        'src/calc.ts': calc,
        'README.md': '# App\n',
        'old-name.txt': 'moved without git mv\nline two\nline three\n',
        'gone.txt': 'to be deleted\n',
        'logo.bin': Buffer.from([0, 1, 2, 3, 255, 0, 7]),
        'latin.txt': Buffer.from('caf\xe9\n', 'latin1'),
      },
      commits: [],
    });
    h = await startHost();
    const project = await h.client.api.projects.create({
      name: 'Review',
      repositories: [{ name: 'app', source: { kind: 'path', path: repo.dir } }],
    });
    const created = await h.client.api.sessions.create({ name: 'review', projectId: project.id });
    session = await h.waitForStatus(created.id, 'running', 300_000);
  });

  afterAll(async () => {
    if (session) await h.client.api.sessions.delete({ id: session.id }).catch(() => {});
    await h?.close();
    await removeTempRepos();
  });

  it('lists nothing before anything changes', async () => {
    const list = await h.client.api.reviews.changes(target());
    expect(list).toMatchObject({ baseBranch: 'main', files: [], totals: { files: 0 } });
    expect(list.mergeBase).toBe(list.head);
  });

  it('lists committed, staged, unstaged and untracked changes with renames and counts', async () => {
    await sh(
      [
        `printf '# App\\nNow with docs.\\n' > README.md && git commit -qam 'Docs'`,
        `sed -i 's/const v5 = 5;/const v5 = 50;/' src/calc.ts`,
        `printf 'one\\ntwo\\n' > staged.txt && git add staged.txt`,
        `mkdir -p notes && printf 'a\\nb\\nc\\n' > 'notes/new file.md'`,
        `rm gone.txt && mv old-name.txt new-name.txt`,
        `printf '\\000\\001\\002' > logo.bin`,
        `ln -s README.md link && printf 'x\\n' > 'ünïcödé.txt' && printf 'y\\n' > "$(printf 'new\\nline.txt')"`,
        `seq 1 100000 > huge.txt`,
      ].join(' && '),
    );
    const objectsBefore = (await sh('git count-objects')).toString();
    const list = await h.client.api.reviews.changes(target());
    const files = byPath(list.files);
    expect(files.get('README.md')).toMatchObject({
      status: 'modified',
      additions: 1,
      deletions: 0,
    });
    expect(files.get('src/calc.ts')).toMatchObject({
      status: 'modified',
      additions: 1,
      deletions: 1,
      untracked: false,
    });
    expect(files.get('staged.txt')).toMatchObject({
      status: 'added',
      additions: 2,
      untracked: false,
    });
    expect(files.get('notes/new file.md')).toMatchObject({
      status: 'added',
      additions: 3,
      untracked: true,
    });
    expect(files.get('gone.txt')).toMatchObject({ status: 'deleted', deletions: 1 });
    expect(files.get('new-name.txt')).toMatchObject({
      status: 'renamed',
      oldPath: 'old-name.txt',
      additions: 0,
      deletions: 0,
    });
    expect(files.get('logo.bin')).toMatchObject({ status: 'modified', additions: null });
    expect(files.get('link')).toMatchObject({ status: 'added', additions: 1 });
    expect(files.get('ünïcödé.txt')).toMatchObject({ status: 'added', additions: 1 });
    expect(files.get('new\nline.txt')).toMatchObject({ status: 'added', additions: 1 });
    expect(files.get('huge.txt')).toMatchObject({ status: 'added', additions: 100_000 });
    expect(list.files).toHaveLength(11);
    expect(list.totals).toEqual({
      files: 11,
      additions: 1 + 1 + 2 + 3 + 1 + 1 + 1 + 100_000,
      deletions: 1 + 1,
    });
    // The user's own index and object store are untouched: nothing staged that was not.
    expect((await sh('git diff --cached --name-only')).toString()).toBe('staged.txt\n');
    expect((await sh('git count-objects')).toString()).toBe(objectsBefore);
  });

  it("changes the branch state's changes key when an already changed file changes", async () => {
    const [before] = await h.client.api.repositories.state({ sessionId: session.id });
    await sh(`printf 'd\\n' >> 'notes/new file.md'`);
    const [after] = await h.client.api.repositories.state({ sessionId: session.id });
    expect(after!.changedFiles).toBe(before!.changedFiles);
    expect(after!.changesKey).not.toBe(before!.changesKey);
    await sh(`printf 'a\\nb\\nc\\n' > 'notes/new file.md'`);
  });

  it('reads both sides of a file for the diff, and says what is not text', async () => {
    const diff = await h.client.api.reviews.file({ ...target(), path: 'src/calc.ts' });
    expect(diff.base).toMatchObject({ kind: 'text', encoding: 'utf-8', text: calc });
    expect(diff.work).toMatchObject({ kind: 'text', text: calc.replace('v5 = 5', 'v5 = 50') });
    const renamed = await h.client.api.reviews.file({
      ...target(),
      path: 'new-name.txt',
      oldPath: 'old-name.txt',
    });
    expect(renamed.base).toMatchObject({ kind: 'text', text: expect.stringContaining('moved') });
    expect(renamed.work).toEqual(renamed.base);
    const side = (path: string) => h.client.api.reviews.file({ ...target(), path });
    expect((await side('logo.bin')).work).toEqual({ kind: 'binary', bytes: 3 });
    expect((await side('link')).work).toEqual({ kind: 'symlink', target: 'README.md' });
    expect((await side('gone.txt')).work).toEqual({ kind: 'absent' });
    expect((await side('new\nline.txt')).work).toMatchObject({ kind: 'text', text: 'y\n' });
    expect((await side('latin.txt')).work).toMatchObject({
      kind: 'text',
      encoding: 'latin1',
      text: 'café\n',
    });
    const huge = (await side('huge.txt')).work;
    expect(huge).toMatchObject({ kind: 'text', bytes: 588_895 });
    await sh('head -c 5000000 /dev/zero | tr "\\0" "a" > big.txt');
    expect((await side('big.txt')).work).toEqual({
      kind: 'tooLarge',
      bytes: 5_000_000,
      limit: 4 * 1024 * 1024,
    });
  });

  describe('comments', () => {
    let comment: ReviewComment;
    const events: ReviewComment[][] = [];
    const find = async () =>
      (await h.client.api.reviews.comments({ sessionId: session.id })).find(
        (c) => c.id === comment.id,
      )!;

    it('anchors a comment to the lines, their text and context', async () => {
      h.client.on('reviews.comments', (e) => events.push(e.comments), session.id);
      comment = await h.client.api.reviews.addComment({
        ...target(),
        path: 'src/calc.ts',
        side: 'work',
        startLine: 5,
        endLine: 6,
        body: 'Why 50?',
      });
      expect(comment.anchor).toMatchObject({
        path: 'src/calc.ts',
        side: 'work',
        startLine: 5,
        endLine: 6,
        lines: ['const v5 = 50;', 'const v6 = 6;'],
        before: ['const v2 = 2;', 'const v3 = 3;', 'const v4 = 4;'],
        after: ['const v7 = 7;', 'const v8 = 8;', 'const v9 = 9;'],
      });
      expect(comment.anchor.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(comment).toMatchObject({ state: 'pending', resolved: false, body: 'Why 50?' });
      await expect.poll(() => events.at(-1)?.map((c) => c.id)).toEqual([comment.id]);
    });

    it('refuses lines that are not in the file', async () => {
      await expect(
        h.client.api.reviews.addComment({
          ...target(),
          path: 'src/calc.ts',
          side: 'work',
          startLine: 30,
          endLine: 31,
          body: 'x',
        }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('30 lines'),
      });
    });

    it('follows its lines when lines are inserted above', async () => {
      await sh(`sed -i '1i // header\\n// more' src/calc.ts`);
      expect((await find()).position).toEqual({
        path: 'src/calc.ts',
        startLine: 7,
        endLine: 8,
        status: 'moved',
      });
    });

    it('follows its file when it is renamed', async () => {
      await sh('mv src/calc.ts src/math.ts');
      expect((await find()).position).toMatchObject({
        path: 'src/math.ts',
        startLine: 7,
        status: 'moved',
      });
    });

    it('stays on its lines when they are edited', async () => {
      await sh(`sed -i 's/const v5 = 50;/const v5 = 5; \\/\\/ fixed/' src/math.ts`);
      expect((await find()).position).toMatchObject({
        path: 'src/math.ts',
        startLine: 7,
        status: 'changed',
      });
    });

    it('is outdated when its lines are gone, keeping the text it was made on', async () => {
      await sh(`sed -i '/const v5 = /d; /const v6 = 6;/d' src/math.ts`);
      const gone = await find();
      expect(gone.position.status).toBe('outdated');
      expect(gone.anchor.lines).toEqual(['const v5 = 50;', 'const v6 = 6;']);
    });

    it('edits, resolves and deletes', async () => {
      const edited = await h.client.api.reviews.updateComment({
        sessionId: session.id,
        id: comment.id,
        body: 'Why fifty?',
      });
      expect(edited.body).toBe('Why fifty?');
      const resolved = await h.client.api.reviews.updateComment({
        sessionId: session.id,
        id: comment.id,
        resolved: true,
      });
      expect(resolved.resolved).toBe(true);
      await h.client.api.reviews.deleteComment({ sessionId: session.id, id: comment.id });
      expect(await h.client.api.reviews.comments({ sessionId: session.id })).toEqual([]);
    });
  });
});
