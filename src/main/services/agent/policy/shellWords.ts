import type { Node } from 'web-tree-sitter';

/**
 * One argument as bash hands it to the program, read from the tree-sitter-bash nodes of a word.
 * `expansion` says why the text is not what the program receives (bash would glob, brace-expand
 * or tilde-expand it); the value is then the text as written.
 */
export interface WordValue {
  value: string;
  expansion?: 'glob pattern' | 'brace expansion' | 'tilde expansion';
}

/**
 * The value of a word node, or null when it holds anything but literal text (`$X`, `$( )`, …).
 * Unquoted text is also copied to a "shape" where quoted and backslash-escaped characters are
 * masked, so only characters bash would still interpret are checked for expansions.
 */
export function wordValue(node: Node): WordValue | null {
  const out = { value: '', shape: '' };
  if (!collect(node, out)) return null;
  const expansion = /[*?[]/.test(out.shape)
    ? 'glob pattern'
    : /\{[^{}]*(,|\.\.)[^{}]*\}/.test(out.shape)
      ? 'brace expansion'
      : out.shape.startsWith('~')
        ? 'tilde expansion'
        : undefined;
  return expansion ? { value: out.value, expansion } : { value: out.value };
}

function collect(node: Node, out: { value: string; shape: string }): boolean {
  switch (node.type) {
    case 'word':
    case 'number':
      unquoted(node.text, out);
      return true;
    case 'raw_string': {
      const content = node.text.slice(1, -1);
      out.value += content;
      out.shape += 'q'.repeat(content.length);
      return true;
    }
    case 'string':
      for (const child of node.children) {
        if (!child || child.type === '"') continue;
        if (child.type !== 'string_content') return false;
        const content = unescapeDoubleQuoted(child.text);
        out.value += content;
        out.shape += 'q'.repeat(content.length);
      }
      return true;
    case 'concatenation':
    case 'command_name':
      for (const child of node.children) if (!child || !collect(child, out)) return false;
      return node.childCount > 0;
    default:
      return false;
  }
}

/** Outside quotes a backslash takes the next character literally; `\` + newline disappears. */
function unquoted(text: string, out: { value: string; shape: string }): void {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined) {
      if (next !== '\n') {
        out.value += next;
        out.shape += 'q';
      }
      i++;
    } else {
      out.value += ch;
      out.shape += ch;
    }
  }
}

/** Inside double quotes a backslash escapes only `$`, backquote, `"`, `\` and newline. */
function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\([$`"\\\n])/g, (_m, ch: string) => (ch === '\n' ? '' : ch));
}

// Words bash reads as syntax when they start a command; quoted so a rendered pattern re-parses
// to the same argv instead of to a keyword.
const reservedWords = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  'select',
  'function',
  'time',
  'coproc',
  'in',
]);

/** One argv word as shell text that parses back to exactly that word. */
export function quoteWord(word: string, first: boolean): string {
  const bare =
    /^[A-Za-z0-9_\-+=:,./@%^]+$/.test(word) &&
    !(first && (word.includes('=') || reservedWords.has(word)));
  return bare ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Segments and the operators between them as canonical text: `git status && git log -n 1`. */
export function renderCommand(segments: readonly string[][], operators: readonly string[]): string {
  return segments
    .map((argv, i) => {
      const text = argv.map((w, j) => quoteWord(w, j === 0)).join(' ');
      const op = operators[i];
      return op === undefined ? text : op === ';' ? `${text};` : `${text} ${op}`;
    })
    .join(' ');
}
