import type { AgentStatus, AttachmentInput } from '../../../shared/contract';
import type { NewActivity } from '../../storage/activityTable';
import type { StoredPending } from '../../storage/agentPendingTable';
import type { MessageReview } from '../../storage/agentQueueTable';
import type { AgentDeps, ResolvedModel } from './agentDeps';
import type { AgentStore } from './agentStore';
import { CallRunner, inputHash, type CallOutcome } from './callRunner';
import {
  ModelStepError,
  runModelStep,
  StepStoppedError,
  type ModelStepResult,
  type StepToolCall,
} from './loop/modelStep';
import { judgeCalls, type CallRecord } from './loop/stuckDetector';
import { baseInstructions } from './loop/systemPrompt';
import {
  compactTranscript,
  estimateTokens,
  normalizeTranscript,
  userMessage,
} from './loop/transcript';
import type { ToolMemory } from './tools/toolTypes';

/** How a turn ended (or paused), for the log and the status. */
interface TurnEnd {
  status: AgentStatus;
  detail?: string;
  summary?: string;
  outcome?: 'done' | 'blocked' | 'needs_input';
  events?: NewActivity[];
}

interface Run {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The agent loop: model step, tool calls, repeat, until the agent finishes, a limit or stuck
 * detection ends the turn, the user stops it, or a call waits for the user (a persisted pause).
 * Budgets live in the database, because the SDK's step count restarts on every call.
 */
export class TurnRunner {
  private readonly runs = new Map<string, Run>();
  private readonly memories = new Map<string, ToolMemory>();
  private readonly calls: CallRunner;
  /** Calls of the running turn, for stuck detection, and whether the nudge was given. */
  private readonly history = new Map<string, { records: CallRecord[]; nudged: boolean }>();

  constructor(
    private readonly deps: AgentDeps,
    private readonly store: AgentStore,
    private readonly onTurnEnded: (sessionId: string) => void,
  ) {
    this.calls = new CallRunner(deps, store);
  }

  get callRunner(): CallRunner {
    return this.calls;
  }

  isRunning(sessionId: string): boolean {
    return this.runs.has(sessionId);
  }

  /** Stops the running turn; resolves when it has ended. */
  async stop(sessionId: string): Promise<void> {
    const run = this.runs.get(sessionId);
    if (!run) return;
    run.controller.abort();
    await run.done;
  }

  /** Stops a turn that waits for the user: every held call is reported as not run. */
  stopHeld(sessionId: string): void {
    const held = this.store.tables.pending.list(sessionId);
    this.store.tables.pending.clear(sessionId);
    for (const p of held) {
      this.calls.notRun(
        sessionId,
        { toolCallId: p.item.toolCallId, toolName: p.tool },
        'stopped by the user',
      );
    }
    this.finishTurn(sessionId, stoppedEnd());
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.runs.keys()].map((id) => this.stop(id)));
  }

  /** Starts a new turn with the user's message (already checked). */
  startTurn(
    sessionId: string,
    message: { text: string; attachments: AttachmentInput[]; review?: MessageReview },
    trigger: 'message' | 'continue',
  ): void {
    const agent = this.store.agent(sessionId);
    const model = this.store.requireModel(sessionId);
    const events: NewActivity[] = [];
    if (trigger === 'message') {
      events.push({
        kind: 'user.message',
        data: {
          text: message.text,
          attachments: message.attachments.map((a) => ({
            name: a.name,
            mimeType: a.mimeType,
            bytes:
              a.text !== undefined
                ? Buffer.byteLength(a.text)
                : Math.floor(((a.data ?? '').length * 3) / 4),
          })),
          ...(message.review
            ? { review: { comments: message.review.comments, files: message.review.files } }
            : {}),
        },
      });
    }
    events.push({ kind: 'turn.started', data: { trigger, model, reasoning: agent.reasoning } });
    this.history.set(sessionId, { records: [], nudged: false });
    this.store.write(sessionId, {
      events,
      messages: [
        trigger === 'message'
          ? userMessage(message.text, message.attachments, message.review?.text)
          : userMessage('Continue where you left off.', []),
      ],
      patch: {
        turn: agent.turn + 1,
        model,
        status: 'running',
        statusDetail: null,
        turnStartedAt: new Date().toISOString(),
        turnSteps: 0,
        turnTokens: 0,
      },
    });
    this.launch(sessionId, async (signal) => this.loop(sessionId, signal));
  }

  /** Goes on with the same turn once every held call has its answer. */
  resume(sessionId: string, trigger: 'approval' | 'answer'): void {
    const agent = this.store.agent(sessionId);
    const model = this.store.requireModel(sessionId);
    this.store.write(sessionId, {
      events: [{ kind: 'turn.started', data: { trigger, model, reasoning: agent.reasoning } }],
      // Waiting for the user does not count against the turn's time.
      patch: { status: 'running', statusDetail: null, turnStartedAt: new Date().toISOString() },
    });
    if (!this.history.has(sessionId)) this.history.set(sessionId, { records: [], nudged: false });
    this.launch(sessionId, async (signal) => {
      const held = this.store.tables.pending.list(sessionId);
      this.store.tables.pending.clear(sessionId);
      const end = await this.runHeld(sessionId, held, signal);
      return end ?? this.loop(sessionId, signal);
    });
  }

  private launch(sessionId: string, body: (signal: AbortSignal) => Promise<TurnEnd | null>): void {
    const controller = new AbortController();
    const done = (async () => {
      let end: TurnEnd | null;
      try {
        end = await body(controller.signal);
      } catch (error) {
        end = this.failure(error, controller.signal);
      }
      this.runs.delete(sessionId);
      if (end) {
        this.finishTurn(sessionId, end);
        this.onTurnEnded(sessionId);
      }
    })();
    this.runs.set(sessionId, { controller, done });
  }

  /** Runs the calls that were held for the user, in the step's order. */
  private async runHeld(
    sessionId: string,
    held: StoredPending[],
    signal: AbortSignal,
  ): Promise<TurnEnd | null> {
    const ctx = this.toolContext(sessionId, signal);
    let finish: CallOutcome['finish'];
    for (const p of held) {
      const call: StepToolCall = {
        toolCallId: p.item.toolCallId,
        toolName: p.tool,
        input: p.input,
        ...(p.invalid ? { invalid: p.invalid } : {}),
      };
      const r = p.resolution;
      let outcome: CallOutcome;
      if (r?.kind === 'answered') outcome = this.calls.answered(sessionId, call, r.answers);
      else if (r?.kind === 'denied') {
        outcome = this.calls.notRun(sessionId, call, r.reason ?? 'denied by the user', 'denied');
      } else if (inputHash(p.tool, p.input) !== p.inputHash) {
        outcome = this.calls.notRun(sessionId, call, 'its input changed after approval', 'denied');
      } else {
        // The policy is asked again: a deny rule added while the call waited wins.
        const again = this.calls.decide(sessionId, call, ctx.repoDir);
        outcome =
          again.kind === 'deny'
            ? this.calls.notRun(sessionId, call, again.reason, 'denied')
            : await this.calls.run(sessionId, call, ctx);
      }
      this.record(sessionId, call, outcome);
      finish ??= outcome.finish;
      if (outcome.status === 'interrupted') return linkLostEnd();
    }
    if (signal.aborted) return stoppedEnd();
    if (finish) return finishedEnd(finish);
    return null;
  }

  private async loop(sessionId: string, signal: AbortSignal): Promise<TurnEnd | null> {
    await this.ensureInstructions(sessionId);
    for (;;) {
      const agent = this.store.agent(sessionId);
      const limit = this.limitReached(sessionId);
      if (limit) return limit;
      const resolved = this.deps.models.resolve(this.store.requireModel(sessionId));
      const step = await this.stepWithRetries(sessionId, resolved, signal);
      const events: NewActivity[] = [];
      if (step.reasoning.trim())
        events.push({ kind: 'model.reasoning', data: { text: step.reasoning } });
      if (step.text.trim()) events.push({ kind: 'model.text', data: { text: step.text } });
      for (const c of step.toolCalls) {
        events.push({
          kind: 'tool.call',
          data: { toolCallId: c.toolCallId, tool: c.toolName, input: c.input },
        });
      }
      const tokens = step.usage.inputTokens + step.usage.outputTokens;
      events.push({ kind: 'usage', data: { ...step.usage, step: agent.turnSteps + 1 } });
      this.store.write(sessionId, {
        events,
        messages: step.messages,
        patch: {
          turnSteps: agent.turnSteps + 1,
          turnTokens: agent.turnTokens + tokens,
          inputTokens: agent.inputTokens + step.usage.inputTokens,
          outputTokens: agent.outputTokens + step.usage.outputTokens,
        },
      });
      if (step.toolCalls.length === 0) {
        // A natural end: the model's last text is its answer, already in the log.
        return { status: 'finished' };
      }
      const end = await this.handleCalls(sessionId, step.toolCalls, signal);
      if (end) return end;
      if (this.store.tables.pending.list(sessionId).some((p) => !p.resolution)) return null;
      const verdict = this.judge(sessionId);
      if (verdict) return verdict;
    }
  }

  /** Runs a step's calls in order; from the first that waits for the user, the rest wait too. */
  private async handleCalls(
    sessionId: string,
    calls: StepToolCall[],
    signal: AbortSignal,
  ): Promise<TurnEnd | null> {
    const ctx = this.toolContext(sessionId, signal);
    let holding = false;
    let finish: CallOutcome['finish'];
    for (const call of calls) {
      const decision = this.calls.decide(sessionId, call, ctx.repoDir);
      if (holding || decision.kind === 'wait') {
        holding = true;
        this.calls.hold(sessionId, call, decision);
        continue;
      }
      const outcome =
        decision.kind === 'deny'
          ? this.calls.notRun(sessionId, call, decision.reason, 'denied')
          : await this.calls.run(sessionId, call, ctx);
      this.record(sessionId, call, outcome);
      finish ??= outcome.finish;
      if (outcome.status === 'interrupted') return linkLostEnd();
    }
    if (holding) {
      const waiting = this.store.tables.pending.list(sessionId).filter((p) => !p.resolution);
      const status = waiting.some((p) => p.item.kind === 'approval')
        ? 'awaiting_approval'
        : 'awaiting_answer';
      this.store.write(sessionId, { patch: { status, statusDetail: null } });
      return null;
    }
    if (signal.aborted) return stoppedEnd();
    if (finish) return finishedEnd(finish);
    return null;
  }

  private record(sessionId: string, call: StepToolCall, outcome: CallOutcome): void {
    const history = this.history.get(sessionId);
    history?.records.push({
      action: `${call.toolName} ${JSON.stringify(call.input)}`,
      observation: outcome.modelOutput,
      isError: outcome.status === 'error',
    });
  }

  private judge(sessionId: string): TurnEnd | null {
    const history = this.history.get(sessionId);
    if (!history) return null;
    const verdict = judgeCalls(history.records, history.nudged);
    if (verdict.kind === 'stuck') {
      return {
        status: 'stuck',
        detail: `Stuck: ${verdict.detail}.`,
        events: [{ kind: 'stuck', data: { detail: verdict.detail } }],
      };
    }
    if (verdict.kind === 'nudge') {
      history.nudged = true;
      this.store.write(sessionId, {
        events: [{ kind: 'nudge', data: { text: verdict.text } }],
        messages: [userMessage(verdict.text, [])],
      });
    }
    return null;
  }

  private limitReached(sessionId: string): TurnEnd | null {
    const a = this.store.agent(sessionId);
    const minutes = a.turnStartedAt ? (Date.now() - Date.parse(a.turnStartedAt)) / 60_000 : 0;
    const hit = (limit: 'steps' | 'time' | 'tokens', detail: string): TurnEnd => ({
      status: 'limit',
      detail: `Stopped: ${detail}. Continue to let the agent go on.`,
      events: [{ kind: 'limit.reached', data: { limit, detail } }],
    });
    if (a.turnSteps >= a.limits.maxSteps)
      return hit('steps', `step limit of ${a.limits.maxSteps} reached`);
    if (minutes >= a.limits.maxMinutes)
      return hit('time', `time limit of ${a.limits.maxMinutes} min reached`);
    if (a.turnTokens >= a.limits.maxTokens) {
      return hit('tokens', `token budget of ${a.limits.maxTokens.toLocaleString('en-US')} reached`);
    }
    return null;
  }

  private async stepWithRetries(
    sessionId: string,
    resolved: ResolvedModel,
    signal: AbortSignal,
  ): Promise<ModelStepResult> {
    const delays = this.deps.retryDelaysMs ?? [1000, 4000, 10_000];
    const agent = this.store.agent(sessionId);
    for (let attempt = 0; ; attempt++) {
      const messages = this.compactIfNeeded(sessionId, resolved.contextWindow, 0.9);
      try {
        return await runModelStep({
          model: resolved.model,
          instructions: agent.instructionsText ?? '',
          messages,
          tools: this.deps.tools.specs,
          ...resolved.callOptions(agent.reasoning),
          signal,
          onDelta: (kind, text) => this.store.delta(sessionId, agent.turn, kind, text),
        });
      } catch (error) {
        if (!(error instanceof ModelStepError) || attempt >= delays.length) throw error;
        if (error.contextOverflow) this.compactIfNeeded(sessionId, resolved.contextWindow, 0.5);
        else if (!error.retryable) throw error;
        const delayMs = delays[attempt]!;
        this.store.log(sessionId, {
          kind: 'retry',
          data: { attempt: attempt + 1, delayMs, message: error.message },
        });
        await sleep(delayMs, signal);
        if (signal.aborted) throw new StepStoppedError('');
      }
    }
  }

  /** The transcript to send, compacted first when it outgrows `share` of the window. */
  private compactIfNeeded(sessionId: string, window: number, share: number) {
    const messages = normalizeTranscript(this.store.tables.transcript.load(sessionId));
    const before = estimateTokens(messages);
    if (before <= window * share) return messages;
    const compacted = compactTranscript(messages, Math.floor(window * Math.min(share, 0.6)));
    this.store.transaction(() => this.store.tables.transcript.replace(sessionId, compacted));
    this.store.log(sessionId, {
      kind: 'compaction',
      data: {
        messagesBefore: messages.length,
        messagesAfter: compacted.length,
        tokensBefore: before,
      },
    });
    return compacted;
  }

  private async ensureInstructions(sessionId: string): Promise<void> {
    const agent = this.store.agent(sessionId);
    if (agent.instructionsText !== null) return;
    const containerId = this.deps.workplace.containerOf(sessionId);
    const repoDir = this.deps.workplace.workingDirOf(sessionId);
    const where = this.deps.workplace.branchOf(sessionId);
    const loaded = await this.deps.instructions.load(containerId, repoDir);
    const text = [baseInstructions({ repoDir, ...where }), loaded.text]
      .filter(Boolean)
      .join('\n\n');
    this.store.write(sessionId, {
      events: [{ kind: 'instructions', data: loaded.inEffect }],
      patch: { instructionsText: text, instructions: loaded.inEffect },
    });
  }

  private toolContext(sessionId: string, signal: AbortSignal) {
    let memory = this.memories.get(sessionId);
    if (!memory) this.memories.set(sessionId, (memory = this.deps.tools.newMemory()));
    return {
      containerId: this.deps.workplace.containerOf(sessionId),
      repoDir: this.deps.workplace.workingDirOf(sessionId),
      signal,
      memory,
    };
  }

  private failure(error: unknown, signal: AbortSignal): TurnEnd {
    if (error instanceof StepStoppedError || signal.aborted) {
      const partial = error instanceof StepStoppedError ? error.partialText.trim() : '';
      return {
        ...stoppedEnd(),
        events: partial ? [{ kind: 'model.text', data: { text: partial } }] : [],
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    const detail =
      error instanceof ModelStepError
        ? `The model provider failed: ${message}. Check the provider in Settings → Models, then Continue.`
        : `The agent failed: ${message}. Continue to try again.`;
    return { status: 'error', detail, events: [{ kind: 'error', data: { message: detail } }] };
  }

  private finishTurn(sessionId: string, end: TurnEnd): void {
    this.store.write(sessionId, {
      events: [
        ...(end.events ?? []),
        {
          kind: 'turn.finished',
          data: {
            status: end.status,
            ...((end.summary ?? end.detail) ? { summary: end.summary ?? end.detail } : {}),
            ...(end.outcome ? { outcome: end.outcome } : {}),
          },
        },
      ],
      patch: { status: end.status, statusDetail: end.detail ?? null },
    });
    this.history.delete(sessionId);
  }
}

const stoppedEnd = (): TurnEnd => ({
  status: 'stopped',
  detail: 'Stopped by the user.',
  summary: 'stopped by the user',
});

/** The engine's link dropped mid-call: the turn waits for the user to continue once it is back. */
const linkLostEnd = (): TurnEnd => ({
  status: 'interrupted',
  detail:
    'The connection to the Docker engine was lost during a tool call. Continue once the session is back.',
  summary: 'interrupted: the engine connection was lost',
});

const finishedEnd = (finish: NonNullable<CallOutcome['finish']>): TurnEnd => ({
  status: 'finished',
  summary: finish.summary,
  outcome: finish.outcome,
});

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
