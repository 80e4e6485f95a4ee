import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import {
  RpcError,
  attachmentLimits,
  type ActivityEvent,
  type AgentApi,
  type AgentState,
  type AttachmentInput,
  type Session,
  type agentInput,
} from '../../../shared/contract';
import { attachmentBytes, type MessageReview } from '../../storage/agentQueueTable';
import type { AgentDeps } from './agentDeps';
import type { AgentStore } from './agentStore';
import { writePullRequest, type PullRequestFacts } from './pullRequestWriter';
import { recoverAgents } from './recovery';
import { TurnRunner } from './turnRunner';

type In<K extends keyof typeof agentInput> = z.infer<(typeof agentInput)[K]>;

export interface AgentServiceDeps extends AgentDeps {
  store: AgentStore;
  /** Whether a session exists (and is not deleted). */
  sessionExists(sessionId: string): boolean;
  /** The owner's name when the session is a teammate's (read-only here). */
  teammateOf?(sessionId: string): string | undefined;
  /** The exact-command rule pattern for "Approve always". */
  exactCommandPattern(command: string): string | null;
  /** The review's pending comments, which ride along with the next message. */
  review: {
    hasPending(sessionId: string): boolean;
    /** Marks the pending comments sent and returns them as the model's text. */
    takePending(sessionId: string): Promise<MessageReview | null>;
    /** Makes comments pending again (their message was taken off the queue). */
    restorePending(sessionId: string, ids: readonly string[]): void;
  };
}

const ended = new Set(['limit', 'stuck', 'interrupted', 'stopped', 'error']);

/**
 * The agent of each session, on the contract: messages start turns or wait in the queue,
 * approvals and answers let a paused turn go on, and a task given at creation starts the agent
 * as soon as the sandbox is ready.
 */
export class AgentService implements AgentApi {
  private readonly runner: TurnRunner;
  private readonly store: AgentStore;
  private readonly autoStarted = new Set<string>();

  constructor(private readonly deps: AgentServiceDeps) {
    this.store = deps.store;
    this.runner = new TurnRunner(deps, deps.store, (id) => this.next(id));
  }

  /** After a restart: interrupted turns are closed; waiting approvals and questions stay. */
  async recover(): Promise<void> {
    await recoverAgents(this.store, this.deps);
  }

  async state(input: In<'state'>): Promise<AgentState> {
    this.requireSession(input.sessionId);
    return this.store.view(input.sessionId);
  }

  async activity(input: In<'activity'>): Promise<{ events: ActivityEvent[]; hasMore: boolean }> {
    this.requireSession(input.sessionId);
    return this.store.tables.activity.page(input.sessionId, input.limit ?? 300, input.beforeSeq);
  }

  async send(input: In<'send'>): Promise<AgentState> {
    const { sessionId } = input;
    this.requireOwn(sessionId);
    const attachments = input.attachments ?? [];
    if (
      input.text.trim() === '' &&
      attachments.length === 0 &&
      !this.deps.review.hasPending(sessionId)
    ) {
      throw new RpcError('invalid_input', 'Write a message or attach a file first.', {
        field: 'text',
      });
    }
    this.checkAttachments(sessionId, attachments);
    const waiting = this.store.tables.pending.list(sessionId).filter((p) => !p.resolution);
    if (waiting.length > 0 && input.text.trim() === '') {
      throw new RpcError(
        'conflict',
        'The agent is waiting for your answer: answer it first; your comments go with your next message.',
      );
    }
    if (waiting.length > 0) {
      this.replyInsteadOfAnswering(sessionId, input.text);
      return this.store.view(sessionId);
    }
    this.deps.workplace.containerOf(sessionId);
    // Taken after every check that can refuse the message: once taken they count as sent.
    const review = await this.deps.review.takePending(sessionId);
    const message = { text: input.text, attachments, ...(review ? { review } : {}) };
    if (this.runner.isRunning(sessionId) || this.store.agent(sessionId).status === 'running') {
      this.store.tables.queue.push(sessionId, { id: newId(), ...message });
      this.store.emitState(sessionId);
      return this.store.view(sessionId);
    }
    this.runner.startTurn(sessionId, message, 'message');
    return this.store.view(sessionId);
  }

  async stop(input: In<'stop'>): Promise<AgentState> {
    const { sessionId } = input;
    this.requireOwn(sessionId);
    if (this.runner.isRunning(sessionId)) await this.runner.stop(sessionId);
    else if (this.store.tables.pending.list(sessionId).some((p) => !p.resolution)) {
      this.runner.stopHeld(sessionId);
    }
    return this.store.view(sessionId);
  }

  async continue(input: In<'continue'>): Promise<AgentState> {
    const { sessionId } = input;
    this.requireOwn(sessionId);
    const agent = this.store.agent(sessionId);
    if (this.runner.isRunning(sessionId)) return this.store.view(sessionId);
    if (!ended.has(agent.status) && agent.status !== 'finished' && agent.status !== 'idle') {
      throw new RpcError(
        'conflict',
        `The agent is ${agent.status.replace('_', ' ')}; answer it first.`,
      );
    }
    this.deps.workplace.containerOf(sessionId);
    const queued = this.store.tables.queue.shift(sessionId);
    if (queued) this.runner.startTurn(sessionId, queued, 'message');
    else this.runner.startTurn(sessionId, { text: '', attachments: [] }, 'continue');
    return this.store.view(sessionId);
  }

  async unqueue(input: In<'unqueue'>): Promise<AgentState> {
    this.requireOwn(input.sessionId);
    const queued = this.store.tables.queue.list(input.sessionId).find((q) => q.id === input.id);
    if (!queued || !this.store.tables.queue.remove(input.sessionId, input.id)) {
      throw new RpcError('not_found', 'That message was already sent or removed.');
    }
    if (queued.review) this.deps.review.restorePending(input.sessionId, queued.review.ids);
    this.store.emitState(input.sessionId);
    return this.store.view(input.sessionId);
  }

  async approve(input: In<'approve'>): Promise<AgentState> {
    const { sessionId, toolCallId } = input;
    const held = this.waitingItem(sessionId, toolCallId, 'approval');
    // "Always" stores a rule for exactly this command; a command no rule can describe
    // (`$( )`, redirections, `bash -c`) is approved this once only.
    const pattern =
      input.decision === 'always' && held.tool === 'run_command'
        ? this.deps.exactCommandPattern((held.input as { command: string }).command)
        : null;
    if (pattern) {
      this.store.tables.rules.add(sessionId, {
        id: newId(),
        tool: 'run_command',
        pattern,
        decision: 'allow',
        createdAt: new Date().toISOString(),
      });
    }
    this.store.tables.pending.resolve(
      sessionId,
      toolCallId,
      input.decision === 'deny'
        ? {
            kind: 'denied',
            ...(input.reason ? { reason: `denied by the user: ${input.reason}` } : {}),
          }
        : { kind: 'approved', always: input.decision === 'always' },
    );
    this.store.log(sessionId, {
      kind: 'approval.resolved',
      data: {
        toolCallId,
        decision: input.decision,
        ...(input.reason ? { reason: input.reason } : {}),
      },
    });
    this.resumeWhenAnswered(sessionId, 'approval');
    return this.store.view(sessionId);
  }

  async answer(input: In<'answer'>): Promise<AgentState> {
    const { sessionId, toolCallId } = input;
    const held = this.waitingItem(sessionId, toolCallId, 'question');
    if (held.item.kind !== 'question') throw new RpcError('internal', 'not a question');
    const questions = held.item.questions;
    if (input.answers.length !== questions.length) {
      throw new RpcError(
        'invalid_input',
        `The agent asked ${questions.length} question${questions.length === 1 ? '' : 's'}; give one answer for each.`,
      );
    }
    const answers = questions.map((q, i) => ({ question: q.question, answer: input.answers[i]! }));
    this.store.tables.pending.resolve(sessionId, toolCallId, { kind: 'answered', answers });
    this.store.log(sessionId, { kind: 'question.answered', data: { toolCallId, answers } });
    this.resumeWhenAnswered(sessionId, 'answer');
    return this.store.view(sessionId);
  }

  async configure(input: In<'configure'>): Promise<AgentState> {
    const { sessionId } = input;
    this.requireOwn(sessionId);
    if (input.model) this.deps.models.resolve(input.model);
    this.store.write(sessionId, {
      patch: {
        ...(input.model ? { model: input.model } : {}),
        ...(input.reasoning ? { reasoning: input.reasoning } : {}),
        ...(input.mode ? { mode: input.mode } : {}),
        ...(input.limits ? { limits: input.limits } : {}),
      },
    });
    // A task that waited for a model starts once there is one.
    if (input.model) this.next(sessionId);
    return this.store.view(sessionId);
  }

  async addRule(input: In<'addRule'>): Promise<AgentState> {
    this.requireOwn(input.sessionId);
    this.store.tables.rules.add(input.sessionId, {
      id: newId(),
      tool: 'run_command',
      pattern: input.pattern,
      decision: input.decision,
      createdAt: new Date().toISOString(),
    });
    this.store.emitState(input.sessionId);
    return this.store.view(input.sessionId);
  }

  async removeRule(input: In<'removeRule'>): Promise<AgentState> {
    this.requireOwn(input.sessionId);
    if (!this.store.tables.rules.remove(input.sessionId, input.id)) {
      throw new RpcError('not_found', 'No such rule in this session.');
    }
    this.store.emitState(input.sessionId);
    return this.store.view(input.sessionId);
  }

  /**
   * A pull request title and description from the session's work, written by its model; null
   * when the session has no model.
   */
  async writePullRequest(
    sessionId: string,
    work: Omit<PullRequestFacts, 'events' | 'task'> & { task?: string },
  ): Promise<{ title: string; body: string } | null> {
    const choice = this.store.agent(sessionId).model ?? this.deps.models.getDefault();
    if (!choice) return null;
    const events = this.store.tables.activity.recentOfKinds(
      sessionId,
      ['user.message', 'turn.finished', 'tool.result'],
      200,
    );
    return writePullRequest(this.deps.models.resolve(choice), {
      ...work,
      task: work.task,
      events,
    });
  }

  /** A session that became running with a task starts its agent on it, once. */
  onSessionChanged(session: Session): void {
    if (session.status !== 'running' || !session.task || this.autoStarted.has(session.id)) return;
    this.autoStarted.add(session.id);
    const agent = this.store.agent(session.id);
    if (agent.turn > 0 || this.store.tables.queue.list(session.id).length > 0) return;
    if (this.store.tables.activity.lastSeq(session.id) > 0) return;
    const task = { text: session.task, attachments: [] };
    if (agent.model ?? this.deps.models.getDefault()) {
      this.runner.startTurn(session.id, task, 'message');
      return;
    }
    this.store.tables.queue.push(session.id, { id: newId(), ...task });
    this.store.write(session.id, {
      patch: {
        statusDetail:
          'The task waits for a model: add a provider in Settings → Models and pick a model.',
      },
    });
  }

  async dispose(): Promise<void> {
    await this.runner.dispose();
  }

  /** When a turn ends by itself, the next queued message starts the next one. */
  private next(sessionId: string): void {
    const agent = this.store.agent(sessionId);
    if (this.runner.isRunning(sessionId)) return;
    if (agent.status !== 'finished' && agent.status !== 'idle') return;
    if (!(agent.model ?? this.deps.models.getDefault())) return;
    const queued = this.store.tables.queue.list(sessionId)[0];
    if (!queued) return;
    try {
      this.deps.workplace.containerOf(sessionId);
    } catch {
      return;
    }
    this.store.tables.queue.remove(sessionId, queued.id);
    this.runner.startTurn(sessionId, queued, 'message');
  }

  private resumeWhenAnswered(sessionId: string, trigger: 'approval' | 'answer'): void {
    if (this.store.tables.pending.list(sessionId).some((p) => !p.resolution)) {
      this.store.emitState(sessionId);
      return;
    }
    this.runner.resume(sessionId, trigger);
  }

  /**
   * A message while the agent waits answers it: a question gets the text as its answer, an
   * approval is denied with the text as the reason, so the model reads it either way.
   */
  private replyInsteadOfAnswering(sessionId: string, text: string): void {
    this.store.log(sessionId, { kind: 'user.message', data: { text, attachments: [] } });
    for (const p of this.store.tables.pending.list(sessionId)) {
      if (p.resolution) continue;
      if (p.item.kind === 'question') {
        const answers = p.item.questions.map((q, i) => ({
          question: q.question,
          answer: i === 0 ? text : '(not answered)',
        }));
        this.store.tables.pending.resolve(sessionId, p.item.toolCallId, {
          kind: 'answered',
          answers,
        });
        this.store.log(sessionId, {
          kind: 'question.answered',
          data: { toolCallId: p.item.toolCallId, answers },
        });
      } else {
        const reason = `the user wrote instead: ${text}`;
        this.store.tables.pending.resolve(sessionId, p.item.toolCallId, { kind: 'denied', reason });
        this.store.log(sessionId, {
          kind: 'approval.resolved',
          data: { toolCallId: p.item.toolCallId, decision: 'deny', reason },
        });
      }
    }
    this.resumeWhenAnswered(sessionId, 'answer');
  }

  private waitingItem(sessionId: string, toolCallId: string, kind: 'approval' | 'question') {
    this.requireOwn(sessionId);
    const held = this.store.tables.pending
      .list(sessionId)
      .find((p) => p.item.toolCallId === toolCallId);
    if (!held || held.item.kind !== kind) {
      throw new RpcError(
        'not_found',
        `Nothing waits for ${kind === 'approval' ? 'approval' : 'an answer'} with that id.`,
      );
    }
    if (held.resolution) throw new RpcError('conflict', 'That was already answered.');
    return held;
  }

  private checkAttachments(sessionId: string, attachments: AttachmentInput[]): void {
    let total = 0;
    const images = attachments.filter((a) => a.data !== undefined);
    for (const a of attachments) {
      const bytes = attachmentBytes(a);
      total += bytes;
      if (a.data !== undefined && !a.mimeType.startsWith('image/')) {
        throw new RpcError(
          'invalid_input',
          `${a.name} is not a text file or an image; it cannot be attached.`,
        );
      }
      if (a.data !== undefined && bytes > attachmentLimits.imageBytes) {
        throw new RpcError('invalid_input', `${a.name} is larger than the 5 MiB limit for images.`);
      }
    }
    if (total > attachmentLimits.totalBytes) {
      throw new RpcError(
        'invalid_input',
        'The attachments are larger than 12 MiB together; attach fewer files.',
      );
    }
    if (images.length > 0) {
      const choice = this.store.requireModel(sessionId);
      const resolved = this.deps.models.resolve(choice);
      if (!resolved.info?.images) {
        throw new RpcError(
          'invalid_input',
          `${choice.modelId} cannot take images (${images.map((i) => i.name).join(', ')}). Pick a model that can, or remove the image.`,
        );
      }
    }
  }

  private requireSession(sessionId: string): void {
    if (!this.deps.sessionExists(sessionId)) {
      throw new RpcError('not_found', `There is no session ${sessionId}.`);
    }
  }

  /** Only the owner's workbench runs a session's agent; a teammate's is read-only here. */
  private requireOwn(sessionId: string): void {
    this.requireSession(sessionId);
    const owner = this.deps.teammateOf?.(sessionId);
    if (owner !== undefined) {
      throw new RpcError(
        'permission_denied',
        `This is ${owner}'s session: only their workbench runs its agent.`,
      );
    }
  }
}

const newId = () => randomBytes(6).toString('hex');
