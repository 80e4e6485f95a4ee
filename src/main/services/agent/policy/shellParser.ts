import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { wordValue } from './shellWords';
import { unwrap } from './shellWrappers';

/**
 * A shell command as the approval policy sees it. Parsing fails closed, as codex's
 * `try_parse_word_only_commands_sequence` does: only plain words, quotes and the operators
 * `&& || ; |` (and newlines, which bash reads as `;`) make a `simple` command; anything else —
 * `$( )`, redirections, expansions, subshells, heredocs, `&`, wrappers such as `bash -c` — makes
 * it not simple, and no rule can then allow it.
 */
export interface CommandAnalysis {
  /** Every segment is plain argv the policy can check, and nothing else happens. */
  simple: boolean;
  /** The argv of each command, in order; empty when the command is not simple. */
  segments: string[][];
  /** The operator after each segment but the last: `&&`, `||`, `;` or `|`. */
  operators: string[];
  /** Why the command is not simple: `redirection`, `command substitution $( )`, … */
  reason?: string;
  /**
   * The argv of every command that can be recognised, even inside a command that is not simple
   * (`$(vim)`, `bash -c 'git push'`, `sudo vim`), for the hard denies and the deny rules. Words
   * that are not literal keep their source text.
   */
  recognised: string[][];
  /**
   * The members of `recognised` whose input is a pipe or a redirection (`curl … | sh`,
   * `bash <<EOF`): a bare shell there runs the script it is fed, not an interactive session.
   */
  fed: string[][];
}

/** The structure of one parse, before wrappers are looked at. */
export interface ShellParse {
  reasons: string[];
  segments: string[][];
  operators: string[];
  recognised: string[][];
  fed: string[][];
}

let parser: Parser | null = null;
let loading: Promise<void> | null = null;

/**
 * Loads the tree-sitter runtime and the bash grammar once. The wasm files are found through
 * Node's module resolution from this module, so the same code works in vitest and in the
 * electron-vite bundle (where web-tree-sitter stays an external dependency).
 */
export function loadShellParser(): Promise<void> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const [runtime, grammar] = await Promise.all([
      readFile(require.resolve('web-tree-sitter/tree-sitter.wasm')),
      readFile(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')),
    ]);
    await Parser.init({ wasmBinary: runtime });
    const bash = await Language.load(grammar);
    const ready = new Parser();
    ready.setLanguage(bash);
    parser = ready;
  })().catch((error: unknown) => {
    loading = null; // let a later call try again
    throw new Error(`The shell parser could not be loaded: ${String(error)}`);
  });
  return loading;
}

export function shellParserReady(): boolean {
  return parser !== null;
}

// 100 000 characters parse in a few milliseconds; longer text is not worth proving safe.
const maxCommandLength = 100_000;
// `bash -c "bash -c '…'"` is followed this deep; deeper nesting stays not simple.
const maxNesting = 4;
// More commands than this in one call are not worth proving anything about (a 200-command
// chain takes about 3 ms to check).
const maxRecognised = 1000;

/** Parses `command` and looks through wrappers. Call `loadShellParser()` first. */
export function analyzeCommand(command: string): CommandAnalysis {
  return analyse(command, 0);
}

function analyse(command: string, depth: number): CommandAnalysis {
  const parsed = parseShell(command);
  const reasons = [...parsed.reasons];
  for (const argv of parsed.segments) {
    const wrapped = unwrap(argv);
    if (wrapped?.opaque) reasons.push(`wrapper \`${wrapped.label}\``);
  }
  const recognised = [...parsed.recognised];
  const fed = [...parsed.fed];
  for (let i = 0; i < recognised.length; i++) {
    if (i >= maxRecognised) {
      reasons.push('too many commands to check');
      break;
    }
    const argv = recognised[i] as string[];
    const wrapped = unwrap(argv);
    if (!wrapped) continue;
    recognised.push(...wrapped.inner);
    if (fed.includes(argv)) fed.push(...wrapped.inner); // `curl … | sudo sh`
    if (depth >= maxNesting) continue;
    for (const script of wrapped.scripts) {
      const inner = analyse(script, depth + 1);
      // Already looked through by the nested analysis: skip them in this loop.
      recognised.splice(i + 1, 0, ...inner.recognised);
      i += inner.recognised.length;
      fed.push(...inner.fed);
    }
  }
  const simple = reasons.length === 0;
  return {
    simple,
    segments: simple ? parsed.segments : [],
    operators: simple ? parsed.operators : [],
    ...(simple ? {} : { reason: [...new Set(reasons)].join(', ') }),
    recognised,
    fed,
  };
}

const structuralNodes = new Set([
  'program',
  'list',
  'pipeline',
  'command',
  'command_name',
  'word',
  'string',
  'string_content',
  'raw_string',
  'number',
  'concatenation',
]);
const separators = new Set(['&&', '||', ';', '|']);
const allowedTokens = new Set([...separators, '"', "'"]);

/**
 * The tree walk. With `literalWords` (rule patterns), globs, braces and `~` are plain text:
 * `rm -rf /*` as a deny pattern means exactly those characters.
 */
export function parseShell(command: string, literalWords = false): ShellParse {
  if (!parser) throw new Error('The shell parser is not loaded: call initPolicy() at startup.');
  if (command.length > maxCommandLength) {
    return { reasons: ['too long to check'], segments: [], operators: [], recognised: [], fed: [] };
  }
  const tree = parser.parse(command);
  if (!tree) {
    return { reasons: ['parse error'], segments: [], operators: [], recognised: [], fed: [] };
  }
  try {
    const root = tree.rootNode;
    const reasons: string[] = [];
    if (root.hasError) reasons.push('parse error');
    // tree-sitter reads `\` + newline as a space between words, bash joins the words: refuse.
    if (/\\\r?\n/.test(command)) reasons.push('line continuation');
    // tree-sitter splits words on \r, \v and \f, bash does not; NUL ends the text for bash.
    if (hasControlCharacter(command)) reasons.push('control character');
    findUnsupported(root, reasons);
    const recognised: string[][] = [];
    const fed: string[][] = [];
    for (const node of root.descendantsOfType('command')) {
      const argv = node ? recognise(node) : null;
      if (!node || !argv) continue;
      recognised.push(argv);
      if (readsFedInput(node)) fed.push(argv);
    }
    const out: ShellParse = { reasons, segments: [], operators: [], recognised, fed };
    if (!reasons.length) flatten(root, out, literalWords);
    out.operators = out.operators.slice(0, Math.max(0, out.segments.length - 1));
    return out;
  } finally {
    tree.delete(); // trees live in wasm memory, not the JS heap
  }
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f) return true;
  }
  return false;
}

function findUnsupported(node: Node, reasons: string[]): void {
  if (node.isError || node.isMissing) {
    reasons.push('parse error');
    return;
  }
  if (node.isNamed && !structuralNodes.has(node.type)) {
    const reason = reasonFor(node);
    if (reason) {
      reasons.push(reason);
      return;
    }
  } else if (!node.isNamed && !allowedTokens.has(node.type)) {
    reasons.push(node.type === '&' ? 'background &' : `operator ${node.type}`);
    return;
  }
  for (const child of node.children) if (child) findUnsupported(child, reasons);
}

/** Words for what was found; null for containers whose children say it better. */
function reasonFor(node: Node): string | null {
  switch (node.type) {
    case 'redirected_statement':
      return null;
    case 'command_substitution':
      return node.firstChild?.type === '`'
        ? 'command substitution ` `'
        : 'command substitution $( )';
    case 'process_substitution':
      return 'process substitution';
    case 'file_redirect':
    case 'herestring_redirect':
      return 'redirection';
    case 'heredoc_redirect':
      return 'heredoc';
    case 'simple_expansion':
    case 'expansion':
      return 'variable expansion';
    case 'arithmetic_expansion':
      return 'arithmetic expansion';
    case 'brace_expression':
      return 'brace expansion';
    case 'subshell':
      return 'subshell';
    case 'compound_statement':
      return 'command group { }';
    case 'variable_assignment':
    case 'variable_assignments':
      return 'variable assignment';
    case 'declaration_command':
    case 'unset_command':
      return 'declaration';
    case 'function_definition':
      return 'function definition';
    case 'if_statement':
    case 'for_statement':
    case 'c_style_for_statement':
    case 'while_statement':
    case 'case_statement':
      return 'control flow';
    case 'negated_command':
      return 'negation !';
    case 'test_command':
      return 'test [ ]';
    case 'ansi_c_string':
    case 'translated_string':
      return 'quoted string with escapes';
    case 'comment':
      return 'comment';
    default:
      return `unsupported syntax (${node.type})`;
  }
}

/** Segments and operators of a tree that passed `findUnsupported`. */
function flatten(node: Node, out: ShellParse, literalWords: boolean): void {
  if (node.type === 'command') {
    const argv: string[] = [];
    for (const child of node.namedChildren) {
      const word = child ? wordValue(child) : null;
      if (!word) return void out.reasons.push('parse error');
      if (word.expansion && !literalWords) out.reasons.push(word.expansion);
      argv.push(word.value);
    }
    // Newline-separated commands have no token between them: bash reads the newline as `;`.
    if (out.segments.length > out.operators.length) out.operators.push(';');
    out.segments.push(argv);
    return;
  }
  for (const child of node.children) {
    if (!child) continue;
    if (child.isNamed) flatten(child, out, literalWords);
    else if (separators.has(child.type) && out.operators.length < out.segments.length) {
      out.operators.push(child.type);
    }
  }
}

/** The argv of a command node whose name is literal; other words keep their source text. */
function recognise(node: Node): string[] | null {
  const words = node.namedChildren.filter(
    (child): child is Node => child !== null && child.type !== 'variable_assignment',
  );
  const name = words[0]?.type === 'command_name' ? wordValue(words[0]) : null;
  if (!name) return null;
  const argv = [name.value];
  for (const word of words.slice(1)) argv.push(wordValue(word)?.value ?? word.text);
  return argv;
}

/** Whether the command's stdin is a pipe (`… | sh`) or a redirection (`sh <<EOF`, `sh < f`). */
function readsFedInput(command: Node): boolean {
  let node = command;
  let parent = node.parent;
  if (parent?.type === 'redirected_statement') {
    const input = parent.namedChildren.some(
      (r) =>
        r?.type === 'heredoc_redirect' ||
        r?.type === 'herestring_redirect' ||
        (r?.type === 'file_redirect' && r.children.some((t) => t?.type === '<')),
    );
    if (input) return true;
    node = parent;
    parent = node.parent;
  }
  return parent?.type === 'pipeline' && parent.firstNamedChild?.id !== node.id;
}
