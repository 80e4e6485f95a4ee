import type { ApprovalMode, ApprovalRule } from '../../../../shared/contract';

/** What the approval policy says about one tool call. */
export interface PolicyDecision {
  kind: 'allow' | 'ask' | 'deny';
  /** Why, in words the user (ask) or the model (deny) reads: `rm is not known to be safe`. */
  reason: string;
  /** The user rule that decided, if one did. */
  ruleId?: string;
}

/** The inputs of a decision: the call, the session's mode and its rules. */
export interface PolicyInput {
  tool: string;
  input: unknown;
  mode: ApprovalMode;
  rules: readonly ApprovalRule[];
}
