import type { ModelMessage } from 'ai';
import {
  RpcError,
  type ActivityEvent,
  type AgentState,
  type ModelChoice,
} from '../../../shared/contract';
import type { ActivityTable, NewActivity } from '../../storage/activityTable';
import type { AgentPendingTable } from '../../storage/agentPendingTable';
import type { AgentQueueTable } from '../../storage/agentQueueTable';
import type { AgentRulesTable } from '../../storage/agentRulesTable';
import type { AgentPatch, AgentsTable, StoredAgent } from '../../storage/agentsTable';
import type { AgentTranscriptTable } from '../../storage/agentTranscriptTable';
import type { Db } from '../../storage/db';
import type { EventBus } from '../events';

export interface AgentTables {
  db: Db;
  agents: AgentsTable;
  activity: ActivityTable;
  transcript: AgentTranscriptTable;
  pending: AgentPendingTable;
  queue: AgentQueueTable;
  rules: AgentRulesTable;
}

/** A change to write at once: log events, transcript messages and the agent row together. */
export interface AgentWrite {
  events?: NewActivity[];
  messages?: ModelMessage[];
  patch?: AgentPatch;
}

/**
 * The agent's persistence and its events in one place. Every write is one SQLite transaction
 * (`synchronous=FULL`), committed before any window hears of it: what a window shows is on disk.
 */
export class AgentStore {
  constructor(
    readonly tables: AgentTables,
    private readonly bus: EventBus,
    private readonly defaultModel: () => ModelChoice | null,
  ) {}

  agent(sessionId: string): StoredAgent {
    return this.tables.agents.ensure(sessionId, this.defaultModel());
  }

  /** Writes events, messages and a patch in one transaction, then tells the windows. */
  write(sessionId: string, change: AgentWrite): ActivityEvent[] {
    const agent = this.agent(sessionId);
    const appended = this.tables.db.transaction(() => {
      if (change.messages?.length) this.tables.transcript.append(sessionId, change.messages);
      const turn = change.patch?.turn ?? agent.turn;
      const events = change.events?.length
        ? this.tables.activity.append(sessionId, turn, change.events)
        : [];
      if (change.patch) this.tables.agents.patch(sessionId, change.patch);
      return events;
    })();
    for (const event of appended) this.bus.emit('agent.activity', event, sessionId);
    if (change.patch) this.emitState(sessionId);
    return appended;
  }

  /** Shorthand for appending log events only. */
  log(sessionId: string, ...events: NewActivity[]): ActivityEvent[] {
    return this.write(sessionId, { events });
  }

  transaction<T>(fn: () => T): T {
    return this.tables.db.transaction(fn)();
  }

  emitState(sessionId: string): void {
    this.bus.emit('agent.state', this.view(sessionId), sessionId);
  }

  delta(sessionId: string, turn: number, kind: 'text' | 'reasoning', text: string): void {
    this.bus.emit('agent.delta', { sessionId, turn, kind, text }, sessionId);
  }

  output(sessionId: string, toolCallId: string, text: string): void {
    this.bus.emit('agent.output', { sessionId, toolCallId, text }, sessionId);
  }

  view(sessionId: string): AgentState {
    const a = this.agent(sessionId);
    const state: AgentState = {
      sessionId,
      status: a.status,
      model: a.model,
      reasoning: a.reasoning,
      mode: a.mode,
      limits: a.limits,
      pending: this.tables.pending
        .list(sessionId)
        .filter((p) => !p.resolution)
        .map((p) => p.item),
      queued: this.tables.queue.view(sessionId),
      plan: a.plan,
      instructions: a.instructions,
      touchedFiles: a.touchedFiles,
      rules: this.tables.rules.list(sessionId),
      usage: { inputTokens: a.inputTokens, outputTokens: a.outputTokens },
      turn: a.turn,
      lastSeq: this.tables.activity.lastSeq(sessionId),
    };
    if (a.statusDetail) state.statusDetail = a.statusDetail;
    return state;
  }

  requireModel(sessionId: string): ModelChoice {
    const model = this.agent(sessionId).model ?? this.defaultModel();
    if (!model) {
      throw new RpcError(
        'unavailable',
        'No model is chosen for this session. Add a provider in Settings → Models, then pick a model in the composer.',
      );
    }
    return model;
  }
}
