import type { LanguageModel, ToolSet } from 'ai';
import type {
  ApprovalMode,
  ApprovalRule,
  InstructionsInEffect,
  ModelChoice,
  ModelInfo,
  ReasoningEffort,
} from '../../../shared/contract';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import type { ModelStepRequest } from './loop/modelStep';
import type { PolicyDecision } from './policy/policyTypes';
import type { ToolContext, ToolMemory, ToolOutcome } from './tools/toolTypes';

/** A chosen model, ready to call. */
export interface ResolvedModel {
  model: LanguageModel;
  info: ModelInfo | undefined;
  /** The SDK options that carry the reasoning effort in this provider's own setting. */
  callOptions(effort: ReasoningEffort): {
    reasoning?: ModelStepRequest['reasoning'];
    providerOptions?: Record<string, Record<string, unknown>>;
    maxOutputTokens?: number;
  };
  /** The window to compact against when the provider does not say (a cautious guess). */
  contextWindow: number;
}

/** Where a session's agent works. */
export interface AgentWorkplace {
  /** The running sandbox's container; `conflict` when the session is not running. */
  containerOf(sessionId: string): string;
  /** The primary repository's directory in the sandbox (`/workspace` without one). */
  workingDirOf(sessionId: string): string;
  branchOf(sessionId: string): { branch?: string; baseBranch?: string; repositories: string[] };
  /** Whether the link to the session's engine is down now (the sandbox runs on, unseen). */
  unreachable?(sessionId: string): boolean;
}

/** Everything the agent loop is built from; the composition root wires the real parts. */
export interface AgentDeps {
  runtime: SandboxRuntime;
  workplace: AgentWorkplace;
  models: {
    resolve(choice: ModelChoice): ResolvedModel;
    getDefault(): ModelChoice | null;
  };
  tools: {
    /** Tool definitions for the model (no `execute`: the loop runs them). */
    specs: ToolSet;
    runSandboxTool(name: string, input: unknown, ctx: ToolContext): Promise<ToolOutcome>;
    newMemory(): ToolMemory;
    /** Kills a command left running by a previous process (after a restart). */
    killOrphan(containerId: string, toolCallId: string): Promise<void>;
  };
  policy: {
    decide(
      tool: string,
      input: unknown,
      mode: ApprovalMode,
      rules: readonly ApprovalRule[],
      cwd: string,
    ): PolicyDecision;
  };
  instructions: {
    load(
      containerId: string,
      repoDir: string,
    ): Promise<{ text: string; inEffect: InstructionsInEffect }>;
  };
  /** Waits before retrying a failed model call: 1 s, 4 s, 10 s (shorter in tests). */
  retryDelaysMs?: readonly number[];
}
