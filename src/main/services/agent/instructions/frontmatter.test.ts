import { describe, expect, it } from 'vitest';
import { parseFrontmatter, readSkill } from './frontmatter';

describe('parseFrontmatter', () => {
  it('reads plain, quoted, block and continued values', () => {
    const text = [
      '---',
      'name: pdf-tools',
      'quoted: "say \\"hi\\"\\n"',
      "single: 'it''s'",
      'literal: |',
      '  one',
      '  two',
      'folded: >-',
      '  a long',
      '  sentence',
      '',
      '  next paragraph',
      'plain: starts here',
      '  and goes on # not a comment inside',
      'metadata:',
      '  short-description: x',
      'comment: value # a comment',
      '---',
      'Body with name: not-this',
    ].join('\n');
    expect(parseFrontmatter(text)).toEqual({
      name: 'pdf-tools',
      quoted: 'say "hi"\n',
      single: "it's",
      literal: 'one\ntwo',
      folded: 'a long sentence\nnext paragraph',
      plain: 'starts here and goes on # not a comment inside',
      metadata: 'short-description: x',
      comment: 'value',
    });
  });

  it('needs the opening and closing lines', () => {
    expect(parseFrontmatter('name: x\n')).toBeNull();
    expect(parseFrontmatter('---\nname: x\n')).toBeNull();
    expect(parseFrontmatter('\uFEFF---\r\nname: x\r\n---\r\n')).toEqual({ name: 'x' });
  });
});

describe('readSkill', () => {
  it('takes a valid name and description', () => {
    expect(readSkill('---\nname: deploy-app\ndescription: Ships it.\n---\n# Deploy')).toEqual({
      ok: true,
      name: 'deploy-app',
      description: 'Ships it.',
    });
  });

  it('refuses bad names, missing or long descriptions', () => {
    const cases = [
      '---\nname: Deploy\ndescription: x\n---',
      '---\nname: deploy--app\ndescription: x\n---',
      `---\nname: ${'a'.repeat(65)}\ndescription: x\n---`,
      '---\nname: deploy\n---',
      `---\nname: deploy\ndescription: ${'d'.repeat(1025)}\n---`,
      '# no frontmatter',
    ];
    for (const text of cases) expect(readSkill(text).ok, text.slice(0, 40)).toBe(false);
  });
});
