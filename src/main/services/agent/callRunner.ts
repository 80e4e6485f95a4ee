import { createHash } from 'node:crypto';
import type {
  PendingItem,
  PlanStep,
  Question,
  ToolDetail,
  ToolName,
  ToolResultStatus,
} from '../../../shared/contract';
import type { NewActivity } from '../../storage/activityTable';
import type { StoredPending } from '../../storage/agentPendingTable';
import type { AgentDeps } from './agentDeps';
import type { AgentStore } from './agentStore';
import type { StepToolCall } from './loop/modelStep';
import { toolResultMessage } from './loop/transcript';
import type { ToolMemory } from './tools/toolTypes';

/** What came of one call, for the loop and the stuck detector. */
export interface CallOutcome {
  status: ToolResultStatus;
  modelOutput: string;
  finish?: { summary: string; outcome: 'done' | 'blocked' | 'needs_input' };
}

/** The policy's word on a call before it runs. */
export type CallDecision =
  { kind: 'run' } | { kind: 'deny'; reason: string } | { kind: 'wait'; item: PendingItem };

const loopTools = new Set(['ask_user', 'update_plan', 'finish']);

/** The sha256 of a call's input as JSON with sorted keys: what an approval is bound to. */
export function inputHash(tool: string, input: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify([tool, canonical(input)]))
    .digest('hex');
}

/**
 * Runs the agent's tool calls: asks the policy, holds back what needs the user, runs the rest in
 * the sandbox, and writes each result to the log and the transcript. `tool.started` is on disk
 * before a sandbox tool runs, so a restart reports it as interrupted and never runs it again.
 */
export class CallRunner {
  constructor(
    private readonly deps: AgentDeps,
    private readonly store: AgentStore,
  ) {}

  decide(sessionId: string, call: StepToolCall, cwd: string): CallDecision {
    if (call.invalid) return { kind: 'run' };
    const agent = this.store.agent(sessionId);
    if (call.toolName === 'ask_user') {
      const { questions } = call.input as { questions: Question[] };
      return {
        kind: 'wait',
        item: {
          kind: 'question',
          toolCallId: call.toolCallId,
          questions: questions.map(normalizeQuestion),
          requestedAt: new Date().toISOString(),
        },
      };
    }
    const decision = this.deps.policy.decide(
      call.toolName,
      call.input,
      agent.mode,
      this.store.tables.rules.list(sessionId),
      cwd,
    );
    if (decision.kind === 'allow') return { kind: 'run' };
    if (decision.kind === 'deny') return { kind: 'deny', reason: decision.reason };
    return {
      kind: 'wait',
      item: {
        kind: 'approval',
        toolCallId: call.toolCallId,
        tool: call.toolName as ToolName,
        subject: subjectOf(call.toolName, call.input),
        cwd: commandCwd(call.input, cwd),
        reason: decision.reason,
        requestedAt: new Date().toISOString(),
      },
    };
  }

  /** Puts a call on hold for the user (or behind one that is), in the step's order. */
  hold(sessionId: string, call: StepToolCall, decision: CallDecision): void {
    const stored: StoredPending = {
      item:
        decision.kind === 'wait'
          ? decision.item
          : {
              kind: 'approval',
              toolCallId: call.toolCallId,
              tool: call.toolName as ToolName,
              subject: subjectOf(call.toolName, call.input),
              cwd: '',
              reason: 'waits for an earlier call of the same step',
              requestedAt: new Date().toISOString(),
            },
      tool: call.toolName,
      input: call.input,
      inputHash: inputHash(call.toolName, call.input),
    };
    if (call.invalid) stored.invalid = call.invalid;
    if (decision.kind === 'run') stored.resolution = { kind: 'approved', always: false };
    if (decision.kind === 'deny') stored.resolution = { kind: 'denied', reason: decision.reason };
    this.store.transaction(() => {
      this.store.tables.pending.add(sessionId, stored);
      if (stored.resolution) {
        this.store.tables.pending.resolve(sessionId, call.toolCallId, stored.resolution);
      }
    });
    if (decision.kind === 'wait') {
      this.store.log(
        sessionId,
        decision.item.kind === 'approval'
          ? { kind: 'approval.requested', data: decision.item }
          : { kind: 'question.asked', data: decision.item },
      );
    }
  }

  /** Runs a call the policy allowed (or the user approved) and writes its result. */
  async run(
    sessionId: string,
    call: StepToolCall,
    ctx: { containerId: string; repoDir: string; signal: AbortSignal; memory: ToolMemory },
  ): Promise<CallOutcome> {
    if (call.invalid) return this.result(sessionId, call, 'error', call.invalid, call.invalid, 0);
    if (ctx.signal.aborted) return this.notRun(sessionId, call, 'stopped by the user');
    if (call.toolName === 'update_plan') return this.updatePlan(sessionId, call);
    if (call.toolName === 'finish') {
      const input = call.input as { summary: string; outcome: 'done' | 'blocked' | 'needs_input' };
      const outcome = this.result(sessionId, call, 'ok', 'ok', input.outcome, 0);
      return { ...outcome, finish: { summary: input.summary, outcome: input.outcome } };
    }
    if (loopTools.has(call.toolName)) {
      return this.result(
        sessionId,
        call,
        'error',
        `${call.toolName} cannot run here.`,
        'not run',
        0,
      );
    }
    this.store.log(sessionId, {
      kind: 'tool.started',
      data: { toolCallId: call.toolCallId, tool: call.toolName },
    });
    const started = Date.now();
    try {
      const outcome = await this.deps.tools.runSandboxTool(call.toolName, call.input, {
        runtime: this.deps.runtime,
        containerId: ctx.containerId,
        repoDir: ctx.repoDir,
        user: 'berth',
        signal: ctx.signal,
        memory: ctx.memory,
        toolCallId: call.toolCallId,
        onOutput: (text) => this.store.output(sessionId, call.toolCallId, text),
      });
      const exit = (outcome.detail as { exitCode?: number | null } | undefined)?.exitCode;
      if (outcome.status !== 'stopped' && exit === null && (await this.linkLost(sessionId))) {
        return this.notRun(sessionId, call, linkLostWhy, 'interrupted');
      }
      const extra: NewActivity[] = [];
      if (outcome.fileChange) {
        extra.push({ kind: 'file.changed', data: outcome.fileChange });
        const touched = this.store.agent(sessionId).touchedFiles;
        if (!touched.includes(outcome.fileChange.path)) {
          this.store.write(sessionId, {
            patch: { touchedFiles: [...touched, outcome.fileChange.path] },
          });
        }
      }
      const modelOutput =
        outcome.status === 'stopped'
          ? `${outcome.modelOutput}\n[The user stopped this command.]`
          : outcome.modelOutput;
      return this.result(
        sessionId,
        call,
        outcome.status,
        modelOutput,
        outcome.summary,
        Date.now() - started,
        outcome.detail,
        extra,
      );
    } catch (error) {
      if (await this.linkLost(sessionId)) {
        // Not a failure of the command: what it did is unknown, and it is never run again.
        return this.notRun(sessionId, call, linkLostWhy, 'interrupted');
      }
      // The engine failed (the sandbox stopped, say): the model hears it as a tool error.
      const message = `The tool failed: ${error instanceof Error ? error.message : String(error)}`;
      return this.result(sessionId, call, 'error', message, message, Date.now() - started);
    }
  }

  /**
   * Whether the engine's link dropped under a call. The SSH connection's loss can reach the
   * engine's status a moment after the call's own stream ends, so a failed call looks twice.
   */
  private async linkLost(sessionId: string): Promise<boolean> {
    const unreachable = this.deps.workplace.unreachable;
    if (!unreachable) return false;
    if (unreachable(sessionId)) return true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return unreachable(sessionId);
  }

  /** A result for a call that did not run: denied, stopped, interrupted. */
  notRun(
    sessionId: string,
    call: Pick<StepToolCall, 'toolCallId' | 'toolName'>,
    why: string,
    status: ToolResultStatus = 'stopped',
  ): CallOutcome {
    const text =
      status === 'denied'
        ? `Denied: ${why}. Do not retry this call; find another way or ask the user.`
        : `Not run: ${why}.`;
    return this.result(sessionId, call, status, text, why, 0);
  }

  answered(
    sessionId: string,
    call: Pick<StepToolCall, 'toolCallId' | 'toolName'>,
    answers: { question: string; answer: string }[],
  ): CallOutcome {
    const text = answers.map((a) => `Q: ${a.question}\nA: ${a.answer}`).join('\n\n');
    return this.result(sessionId, call, 'ok', `The user answered:\n${text}`, 'answered', 0);
  }

  private updatePlan(sessionId: string, call: StepToolCall): CallOutcome {
    const input = call.input as { plan: PlanStep[]; explanation?: string };
    this.store.write(sessionId, {
      events: [
        {
          kind: 'plan.updated',
          data: {
            plan: input.plan,
            ...(input.explanation ? { explanation: input.explanation } : {}),
          },
        },
      ],
      patch: { plan: input.plan },
    });
    const done = input.plan.filter((s) => s.status === 'completed').length;
    return this.result(
      sessionId,
      call,
      'ok',
      'Plan updated.',
      `${done} of ${input.plan.length} done`,
      0,
    );
  }

  private result(
    sessionId: string,
    call: Pick<StepToolCall, 'toolCallId' | 'toolName'>,
    status: ToolResultStatus,
    modelOutput: string,
    summary: string,
    durationMs: number,
    detail?: ToolDetail,
    extra: NewActivity[] = [],
  ): CallOutcome {
    this.store.write(sessionId, {
      events: [
        {
          kind: 'tool.result',
          data: {
            toolCallId: call.toolCallId,
            tool: call.toolName,
            status,
            summary,
            durationMs,
            ...(detail ? { detail } : {}),
          },
        },
        ...extra,
      ],
      messages: [toolResultMessage(call.toolCallId, call.toolName, modelOutput, status !== 'ok')],
    });
    return { status, modelOutput };
  }
}

function normalizeQuestion(q: Question & { multi_select?: boolean }): Question {
  const out: Question = { question: q.question, options: q.options };
  if (q.header) out.header = q.header;
  if (q.multiSelect || q.multi_select) out.multiSelect = true;
  return out;
}

function subjectOf(tool: string, input: unknown): string {
  const i = (input ?? {}) as { command?: string; path?: string };
  return tool === 'run_command' ? (i.command ?? '') : (i.path ?? tool);
}

function commandCwd(input: unknown, repoDir: string): string {
  const cwd = (input as { cwd?: string } | undefined)?.cwd;
  if (!cwd) return repoDir;
  return cwd.startsWith('/') ? cwd : `${repoDir}/${cwd}`.replace(/\/\.?$/, '');
}

export const linkLostWhy =
  'interrupted: the connection to the Docker engine was lost while it ran; its side effects are unknown, so check the state before going on';
