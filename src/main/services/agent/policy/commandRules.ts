import type { ApprovalRule } from '../../../../shared/contract';
import { analyzeCommand, parseShell, type CommandAnalysis } from './shellParser';
import { renderCommand } from './shellWords';
import { programName } from './shellWrappers';

/**
 * User rules for `run_command`. A pattern is shell text parsed with the same bash parser as the
 * commands, so rules compare argv, never raw strings:
 *
 * - `git status` (exact) matches a segment whose argv is exactly `git status`, however it was
 *   spaced or quoted (`git  "status"`).
 * - `npm run test *` (a trailing ` *`) matches any segment whose argv starts with
 *   `npm run test`: `npm run test` and `npm run test -- -u`, not `npm run tests`. `*` alone
 *   matches every command.
 * - A pattern with several commands (`npm ci && npm test`, what approving a compound command
 *   exactly creates) matches only the whole command: the same segments with the same operators.
 *
 * A compound command is allowed only when every segment is covered; it is denied (or asked)
 * when any recognisable command in it — including inside `$( )`, `bash -c '…'` or `sudo` —
 * hits a deny (or ask) rule. A command that is not simple is never allowed by a rule. A pattern
 * the parser cannot read never allows; as a deny or ask rule it still matches the same text,
 * whitespace aside.
 */
export interface CompiledRule {
  rule: ApprovalRule;
  /** The pattern's commands; null when the pattern is not plain shell words. */
  segments: string[][] | null;
  operators: string[];
  /** The pattern ended with ` *`: the last segment takes any further arguments. */
  wildcard: boolean;
  /** The pattern text with runs of whitespace collapsed, for unreadable deny and ask patterns. */
  text: string;
}

// Rules change rarely and are re-checked on every call: keep the parsed patterns.
const compiled = new Map<string, Omit<CompiledRule, 'rule'>>();
const maxCachedPatterns = 1000;

export function compileRule(rule: ApprovalRule): CompiledRule {
  let entry = compiled.get(rule.pattern);
  if (!entry) {
    entry = compilePattern(rule.pattern);
    if (compiled.size >= maxCachedPatterns) compiled.clear();
    compiled.set(rule.pattern, entry);
  }
  return { rule, ...entry };
}

function compilePattern(pattern: string): Omit<CompiledRule, 'rule'> {
  const trimmed = pattern.trim();
  const text = normaliseSpaces(trimmed);
  if (trimmed === '*') return { segments: [[]], operators: [], wildcard: true, text };
  // The whole pattern must read as plain words for its trailing `*` to be the wildcard.
  const whole = parseShell(trimmed, true);
  if (whole.reasons.length || !whole.segments.length) {
    return { segments: null, operators: [], wildcard: false, text };
  }
  const wildcard = /\s\*$/.test(trimmed);
  const base = wildcard ? parseShell(trimmed.slice(0, -1), true) : whole;
  const readable = !base.reasons.length && base.segments.length > 0;
  return {
    segments: readable ? base.segments : null,
    operators: base.operators,
    wildcard,
    text,
  };
}

/** Whether the rule covers one segment's argv. */
export function coversSegment(rule: CompiledRule, argv: readonly string[]): boolean {
  const [pattern, ...more] = rule.segments ?? [];
  if (!pattern || more.length) return false;
  return rule.wildcard ? startsWith(argv, pattern) : sameWords(argv, pattern);
}

/** Whether a several-command rule matches the whole (simple) command. */
export function coversWhole(rule: CompiledRule, analysis: CommandAnalysis): boolean {
  const segments = rule.segments;
  if (!segments || segments.length < 2 || !analysis.simple) return false;
  if (segments.length !== analysis.segments.length) return false;
  if (!sameWords(rule.operators, analysis.operators)) return false;
  return segments.every((pattern, i) => {
    const argv = analysis.segments[i] as string[];
    return rule.wildcard && i === segments.length - 1
      ? startsWith(argv, pattern)
      : sameWords(argv, pattern);
  });
}

/**
 * The first recognisable command a deny or ask rule hits, as text for the reason, or null.
 * `/usr/bin/git push` is matched as `git push` too: a path must not dodge a deny rule.
 */
export function hitBy(
  rule: CompiledRule,
  command: string,
  analysis: CommandAnalysis,
): string | null {
  if (!rule.segments) {
    const text = normaliseSpaces(command);
    const base = rule.text.endsWith(' *') ? rule.text.slice(0, -2) : null;
    const hit =
      text === rule.text || (base !== null && (text === base || text.startsWith(`${base} `)));
    return hit ? text : null;
  }
  if (coversWhole(rule, analysis)) return renderCommand(analysis.segments, analysis.operators);
  for (const argv of analysis.recognised) {
    const bare = [programName(argv[0]), ...argv.slice(1)];
    if (coversSegment(rule, argv) || coversSegment(rule, bare)) return renderCommand([argv], []);
  }
  return null;
}

/**
 * The pattern "Always allow this exact command" stores: the command in canonical form
 * (`git   status` → `git status`, `echo "a b"` → `echo 'a b'`). It never ends in a bare ` *`,
 * so it never turns into a wildcard. Null when no rule can allow the command (it is not simple:
 * `$( )`, redirections, globs, `bash -c`, …), so the UI should not offer "always".
 */
export function exactCommandPattern(command: string): string | null {
  const analysis = analyzeCommand(command);
  return analysis.simple ? renderCommand(analysis.segments, analysis.operators) : null;
}

function normaliseSpaces(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

function startsWith(argv: readonly string[], prefix: readonly string[]): boolean {
  return argv.length >= prefix.length && prefix.every((word, i) => argv[i] === word);
}
