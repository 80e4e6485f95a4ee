import type { ApprovalMode, ApprovalRule } from '../../../../shared/contract';
import { compileRule, coversSegment, coversWhole, hitBy, type CompiledRule } from './commandRules';
import { hardDenyReason } from './hardDeny';
import type { PolicyDecision } from './policyTypes';
import { isReadOnlyCommand } from './readOnlyCommands';
import { analyzeCommand, type CommandAnalysis } from './shellParser';
import { renderCommand } from './shellWords';

/**
 * Whether `run_command` may run `command`. The first layer that decides wins:
 *
 * 1. Hard deny: interactive programs that would hang, the Docker socket. Checked on every
 *    recognisable command, also inside `$( )`, `bash -c '…'` or `sudo`.
 * 2. User rules (see commandRules.ts): deny, then ask, then allow. Allow rules need a simple
 *    command whose every segment is covered (by a rule or, in `ask` mode, the read-only list).
 * 3. The mode. `auto` runs the rest — the sandbox is the boundary — but asks for a command it
 *    cannot read when the session has deny or ask rules, since it cannot prove they do not
 *    apply. `ask` runs only the read-only list. `read-only` runs only the read-only list and
 *    denies the rest, before ask rules are looked at; allow rules do not widen it.
 *
 * `cwd` is where the command would run; no decision depends on it today.
 */
export function decideCommand(
  command: string,
  _cwd: string,
  mode: ApprovalMode,
  rules: readonly ApprovalRule[],
): PolicyDecision {
  if (!command.trim()) return { kind: 'deny', reason: 'the command is empty' };
  const analysis = analyzeCommand(command);
  const denied = hardDenyReason(command, analysis);
  if (denied) return { kind: 'deny', reason: denied };

  const compiled = rules.filter((r) => r.tool === 'run_command').map(compileRule);
  const denyRule = ruleHit('deny', command, analysis, compiled);
  if (denyRule) return denyRule;
  // A read-only session refuses writers before an ask rule could offer to run one.
  const readOnly = mode === 'read-only' ? readOnlyMode(analysis) : null;
  if (readOnly?.kind === 'deny') return readOnly;
  const askRule = ruleHit('ask', command, analysis, compiled);
  if (askRule) return askRule;

  if (readOnly) return readOnly;
  if (mode === 'auto') return autoMode(analysis, compiled);
  return askMode(analysis, compiled);
}

/** The first deny (or ask) rule that any recognisable command in `command` hits. */
function ruleHit(
  decision: 'deny' | 'ask',
  command: string,
  analysis: CommandAnalysis,
  rules: readonly CompiledRule[],
): PolicyDecision | null {
  for (const rule of rules) {
    if (rule.rule.decision !== decision) continue;
    const hit = hitBy(rule, command, analysis);
    if (!hit) continue;
    const verb = decision === 'deny' ? 'denies' : 'asks before';
    const reason = `the rule \`${rule.rule.pattern}\` ${verb} \`${short(hit)}\``;
    return { kind: decision, reason, ruleId: rule.rule.id };
  }
  return null;
}

function readOnlyMode(analysis: CommandAnalysis): PolicyDecision {
  if (!analysis.simple) {
    return {
      kind: 'deny',
      reason: `the session is read-only, and a command with ${analysis.reason} cannot be shown to only read`,
    };
  }
  const writer = analysis.segments.find((argv) => !isReadOnlyCommand(argv));
  return writer
    ? {
        kind: 'deny',
        reason: `the session is read-only: \`${short(renderCommand([writer], []))}\` is not known to only read`,
      }
    : { kind: 'allow', reason: 'read-only command' };
}

function autoMode(analysis: CommandAnalysis, rules: readonly CompiledRule[]): PolicyDecision {
  const allowed = allowedByRules(analysis, rules, false);
  if (allowed) return allowed;
  if (!analysis.simple && rules.some((r) => r.rule.decision !== 'allow')) {
    return {
      kind: 'ask',
      reason: `the session has rules, and a command with ${analysis.reason} cannot be checked against them`,
    };
  }
  return { kind: 'allow', reason: 'auto mode runs commands in the sandbox' };
}

function askMode(analysis: CommandAnalysis, rules: readonly CompiledRule[]): PolicyDecision {
  const allowed = allowedByRules(analysis, rules, true);
  if (allowed) return allowed;
  if (!analysis.simple) {
    return {
      kind: 'ask',
      reason: `the command cannot be checked part by part (${analysis.reason})`,
    };
  }
  const uncovered = analysis.segments.find((argv) => !isReadOnlyCommand(argv)) ?? [];
  return {
    kind: 'ask',
    reason: `\`${short(renderCommand([uncovered], []))}\` is not known to be safe`,
  };
}

/**
 * Allowed when the whole command matches a several-command rule, or every segment is covered
 * by an allow rule or (with `readOnlyList`) the read-only list, with at least one rule used.
 */
function allowedByRules(
  analysis: CommandAnalysis,
  rules: readonly CompiledRule[],
  readOnlyList: boolean,
): PolicyDecision | null {
  if (!analysis.simple) return null;
  const allows = rules.filter((r) => r.rule.decision === 'allow');
  const whole = allows.find((r) => coversWhole(r, analysis));
  if (whole) return byRule(whole);
  let used: CompiledRule | undefined;
  for (const argv of analysis.segments) {
    const rule = allows.find((r) => coversSegment(r, argv));
    if (rule) used ??= rule;
    else if (!(readOnlyList && isReadOnlyCommand(argv))) return null;
  }
  if (used) return byRule(used);
  return readOnlyList ? { kind: 'allow', reason: 'read-only command' } : null;
}

function byRule(rule: CompiledRule): PolicyDecision {
  return {
    kind: 'allow',
    reason: `allowed by the rule \`${rule.rule.pattern}\``,
    ruleId: rule.rule.id,
  };
}

/** Commands in reasons are cut to 80 characters: a reason is one line. */
function short(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
