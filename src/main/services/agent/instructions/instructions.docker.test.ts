import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxSh } from '../../../testing/sandboxShell';
import { startTestSandbox, type TestSandbox } from '../tools/testSandbox';
import { loadInstructions } from './loadInstructions';

// The repository's instructions as the agent gets them, read in a real sandbox.
let sandbox: TestSandbox;
const load = (repoDir: string) => loadInstructions(sandbox.runtime, sandbox.containerId, repoDir);

beforeAll(async () => {
  sandbox = await startTestSandbox('instructions');
  await sandboxSh(
    sandbox.containerId,
    String.raw`set -e
    cd /workspace
    mkdir -p plain over empty-override big
    printf 'Use pnpm.\n' > plain/AGENTS.md
    printf 'from AGENTS.md\n' > over/AGENTS.md
    printf 'from the override\n' > over/AGENTS.override.md
    : > empty-override/AGENTS.override.md
    printf 'the plain one\n' > empty-override/AGENTS.md
    head -c 40000 /dev/zero | tr '\0' 'a' > big/AGENTS.md
    mkdir -p mono/pkg && cd mono && git init -q
    head -c 30000 /dev/zero | tr '\0' 'r' > AGENTS.md
    { printf 'PKG-START\n'; head -c 5000 /dev/zero | tr '\0' 'p'; } > pkg/AGENTS.md
    cd /workspace && mkdir -p skills && cd skills
    skill() { mkdir -p "$(dirname "$1")"; printf '%s\n' "$2" > "$1"; }
    skill .agents/skills/deploy/SKILL.md "$(printf -- '---\nname: deploy\ndescription: >\n  Ship the app to <staging>\n  & production.\n---\n# Deploy\nSECRET BODY')"
    skill .berth/skills/lint/SKILL.md "$(printf -- '---\nname: lint\ndescription: "Run the linters."\n---\nbody')"
    skill .berth/skills/deploy/SKILL.md "$(printf -- '---\nname: deploy\ndescription: a second deploy\n---')"
    skill .agents/skills/Bad_Name/SKILL.md "$(printf -- '---\nname: Bad_Name\ndescription: x\n---')"
    skill .agents/skills/nofront/SKILL.md '# just a heading'
    skill .agents/skills/long/SKILL.md "$(printf -- '---\nname: long\ndescription: %s\n---' "$(head -c 1100 /dev/zero | tr '\0' d)")"
    skill .agents/skills/.hidden/SKILL.md "$(printf -- '---\nname: hidden\ndescription: x\n---')"
    mkdir -p /tmp/elsewhere/linked && printf -- '---\nname: linked\ndescription: x\n---\n' > /tmp/elsewhere/linked/SKILL.md
    ln -s /tmp/elsewhere/linked .agents/skills/linked`,
  );
});

afterAll(async () => {
  await sandbox?.remove();
});

describe('loadInstructions', () => {
  it('gives the AGENTS.md of the repository as a section of the prompt', async () => {
    const { text, inEffect } = await load('/workspace/plain');
    expect(text).toBe(
      '# AGENTS.md instructions for /workspace/plain\n\n<INSTRUCTIONS>\nUse pnpm.\n</INSTRUCTIONS>',
    );
    expect(inEffect).toEqual({
      files: [{ path: '/workspace/plain/AGENTS.md', bytes: 10, truncated: false }],
      skills: [],
    });
  });

  it('takes AGENTS.override.md over AGENTS.md, unless it is empty', async () => {
    const over = await load('/workspace/over');
    expect(over.text).toContain('from the override');
    expect(over.text).not.toContain('from AGENTS.md');
    expect(over.inEffect.files.map((f) => f.path)).toEqual(['/workspace/over/AGENTS.override.md']);
    const empty = await load('/workspace/empty-override');
    expect(empty.inEffect.files.map((f) => f.path)).toEqual([
      '/workspace/empty-override/AGENTS.md',
    ]);
  });

  it('truncates at 32 KiB and says where the rest is', async () => {
    const { text, inEffect } = await load('/workspace/big');
    expect(inEffect.files).toEqual([
      { path: '/workspace/big/AGENTS.md', bytes: 40_000, truncated: true },
    ]);
    expect(text).toContain('a'.repeat(32 * 1024));
    expect(text).not.toContain('a'.repeat(32 * 1024 + 1));
    expect(text).toContain(
      '[… cut at the 32 KiB budget for instructions; read_file /workspace/big/AGENTS.md for the rest]',
    );
  });

  it('walks from the git root down to a package, root first, within one budget', async () => {
    const { text, inEffect } = await load('/workspace/mono/pkg');
    expect(inEffect.files).toEqual([
      { path: '/workspace/mono/AGENTS.md', bytes: 30_000, truncated: false },
      { path: '/workspace/mono/pkg/AGENTS.md', bytes: 5010, truncated: true },
    ]);
    expect(text.indexOf('# AGENTS.md instructions for /workspace/mono\n')).toBe(0);
    expect(text).toContain('# AGENTS.md instructions for /workspace/mono/pkg\n');
    expect(text).toContain(`PKG-START\n${'p'.repeat(32 * 1024 - 30_000 - 10)}\n[… cut`);
  });

  it('lists valid skills by name, description and path only', async () => {
    const { text, inEffect } = await load('/workspace/skills');
    expect(inEffect).toEqual({
      files: [],
      skills: [
        {
          name: 'deploy',
          description: 'Ship the app to <staging> & production.',
          path: '/workspace/skills/.agents/skills/deploy/SKILL.md',
        },
        {
          name: 'lint',
          description: 'Run the linters.',
          path: '/workspace/skills/.berth/skills/lint/SKILL.md',
        },
      ],
    });
    expect(text).toContain('<available_skills>\n<skill>\n<name>deploy</name>');
    expect(text).toContain(
      '<description>Ship the app to &lt;staging&gt; &amp; production.</description>',
    );
    expect(text).toContain('<path>/workspace/skills/.berth/skills/lint/SKILL.md</path>');
    expect(text).toMatch(/read its SKILL\.md with read_file/);
    expect(text).not.toContain('SECRET BODY');
  });

  it('is empty for a repository that says nothing, or a missing one', async () => {
    await sandboxSh(sandbox.containerId, 'mkdir -p /workspace/quiet');
    expect(await load('/workspace/quiet')).toEqual({
      text: '',
      inEffect: { files: [], skills: [] },
    });
    expect(await load('/workspace/missing')).toEqual({
      text: '',
      inEffect: { files: [], skills: [] },
    });
  });
});
