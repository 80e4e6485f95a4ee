/**
 * The YAML frontmatter of a SKILL.md, read as far as skills need it: `key: value` lines, quoted
 * values, `|` and `>` blocks and indented continuation lines. Nested maps and lists are kept as
 * their raw text; nothing here throws. Not a YAML parser, and no dependency for one.
 */
export function parseFrontmatter(text: string): Record<string, string> | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return null;
  const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (end === -1) return null;
  const body = lines.slice(1, end);
  const fields: Record<string, string> = {};
  for (let i = 0; i < body.length; i++) {
    const match = /^([A-Za-z0-9_-]+)\s*:(?:\s+(.*))?$/.exec(body[i]!);
    if (!match) continue;
    const key = match[1]!;
    const value = (match[2] ?? '').replace(/\s+#.*$/, '').trim();
    // The indented lines that follow belong to this key.
    const more: string[] = [];
    while (i + 1 < body.length && (/^\s+\S/.test(body[i + 1]!) || body[i + 1]!.trim() === '')) {
      more.push(body[++i]!);
    }
    while (more.length > 0 && more[more.length - 1]!.trim() === '') more.pop();
    fields[key] = scalar(value, more);
  }
  return fields;
}

function scalar(value: string, more: string[]): string {
  const block = /^([|>])[+-]?\d*$/.exec(value);
  if (block) {
    const indent = Math.min(
      ...more.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length),
    );
    const lines = more.map((l) => (l.trim() === '' ? '' : l.slice(indent)));
    return (block[1] === '|' ? lines.join('\n') : fold(lines)).trim();
  }
  if (value.startsWith('"') || value.startsWith("'")) {
    return unquote([value, ...more.map((l) => l.trim())].join(' '));
  }
  return [value, ...more.map((l) => l.trim())].filter((l) => l !== '').join(' ');
}

/** A `>` block: lines joined with spaces, a blank line a paragraph break. */
function fold(lines: string[]): string {
  return lines
    .join('\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\n/g, ' '))
    .join('\n');
}

function unquote(text: string): string {
  const quote = text[0];
  const close = text.lastIndexOf(quote!);
  const inner = close > 0 ? text.slice(1, close) : text.slice(1);
  if (quote === "'") return inner.replace(/''/g, "'");
  return inner.replace(/\\(["\\nt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

export const skillNamePattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A skill's name and description from its SKILL.md, or why it is not a valid skill. */
export function readSkill(
  text: string,
): { ok: true; name: string; description: string } | { ok: false; reason: string } {
  const fields = parseFrontmatter(text);
  if (!fields) return { ok: false, reason: 'no frontmatter (--- … ---) at the top' };
  const name = fields.name ?? '';
  const description = (fields.description ?? '').replace(/\s+/g, ' ').trim();
  if (!skillNamePattern.test(name) || name.length > 64) {
    return {
      ok: false,
      reason: `name ${JSON.stringify(name)} is not lowercase-words-with-dashes of at most 64 characters`,
    };
  }
  if (description === '') return { ok: false, reason: 'no description' };
  if (description.length > 1024)
    return { ok: false, reason: 'description longer than 1024 characters' };
  return { ok: true, name, description };
}
