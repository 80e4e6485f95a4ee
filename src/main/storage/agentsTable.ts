import {
  defaultAgentLimits,
  type AgentLimits,
  type AgentStatus,
  type ApprovalMode,
  type InstructionsInEffect,
  type ModelChoice,
  type PlanStep,
  type ReasoningEffort,
} from '../../shared/contract';
import type { Db } from './db';

/** One session's agent as stored: its settings and where its loop is. */
export interface StoredAgent {
  sessionId: string;
  status: AgentStatus;
  statusDetail: string | null;
  model: ModelChoice | null;
  reasoning: ReasoningEffort;
  mode: ApprovalMode;
  limits: AgentLimits;
  plan: PlanStep[];
  touchedFiles: string[];
  instructionsText: string | null;
  instructions: InstructionsInEffect | null;
  turn: number;
  /** When the running turn started (or went on after the user answered), for the time limit. */
  turnStartedAt: string | null;
  turnSteps: number;
  turnTokens: number;
  inputTokens: number;
  outputTokens: number;
}

interface Row {
  session_id: string;
  status: AgentStatus;
  status_detail: string | null;
  provider_id: string | null;
  model_id: string | null;
  reasoning: ReasoningEffort;
  mode: ApprovalMode;
  limits_json: string;
  plan_json: string;
  touched_json: string;
  instructions_text: string | null;
  instructions_json: string | null;
  turn: number;
  turn_started_at: string | null;
  turn_steps: number;
  turn_tokens: number;
  input_tokens: number;
  output_tokens: number;
}

const toAgent = (row: Row): StoredAgent => ({
  sessionId: row.session_id,
  status: row.status,
  statusDetail: row.status_detail,
  model:
    row.provider_id && row.model_id ? { providerId: row.provider_id, modelId: row.model_id } : null,
  reasoning: row.reasoning,
  mode: row.mode,
  limits: { ...defaultAgentLimits, ...(JSON.parse(row.limits_json) as Partial<AgentLimits>) },
  plan: JSON.parse(row.plan_json) as PlanStep[],
  touchedFiles: JSON.parse(row.touched_json) as string[],
  instructionsText: row.instructions_text,
  instructions: row.instructions_json
    ? (JSON.parse(row.instructions_json) as InstructionsInEffect)
    : null,
  turn: row.turn,
  turnStartedAt: row.turn_started_at,
  turnSteps: row.turn_steps,
  turnTokens: row.turn_tokens,
  inputTokens: row.input_tokens,
  outputTokens: row.output_tokens,
});

export type AgentPatch = Partial<Omit<StoredAgent, 'sessionId'>>;

const columnOf: {
  [K in keyof AgentPatch]-?: [string, (v: NonNullable<AgentPatch[K]> | null) => unknown];
} = {
  status: ['status', (v) => v],
  statusDetail: ['status_detail', (v) => v],
  model: ['provider_id', (v) => v],
  reasoning: ['reasoning', (v) => v],
  mode: ['mode', (v) => v],
  limits: ['limits_json', (v) => JSON.stringify(v)],
  plan: ['plan_json', (v) => JSON.stringify(v)],
  touchedFiles: ['touched_json', (v) => JSON.stringify(v)],
  instructionsText: ['instructions_text', (v) => v],
  instructions: ['instructions_json', (v) => (v === null ? null : JSON.stringify(v))],
  turn: ['turn', (v) => v],
  turnStartedAt: ['turn_started_at', (v) => v],
  turnSteps: ['turn_steps', (v) => v],
  turnTokens: ['turn_tokens', (v) => v],
  inputTokens: ['input_tokens', (v) => v],
  outputTokens: ['output_tokens', (v) => v],
};

/** The `agents` table: one row per session that has an agent. */
export class AgentsTable {
  constructor(private readonly db: Db) {}

  get(sessionId: string): StoredAgent | undefined {
    const row = this.db.prepare('SELECT * FROM agents WHERE session_id = ?').get(sessionId) as
      Row | undefined;
    return row && toAgent(row);
  }

  /** The session's agent, made with the given model (the default) the first time it is asked for. */
  ensure(sessionId: string, model: ModelChoice | null): StoredAgent {
    this.db
      .prepare(
        `INSERT INTO agents (session_id, provider_id, model_id, limits_json, updated_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id) DO NOTHING`,
      )
      .run(
        sessionId,
        model?.providerId ?? null,
        model?.modelId ?? null,
        JSON.stringify(defaultAgentLimits),
        new Date().toISOString(),
      );
    return this.get(sessionId)!;
  }

  /** Agents whose status is one of these (startup recovery). */
  withStatus(statuses: readonly AgentStatus[]): StoredAgent[] {
    const marks = statuses.map(() => '?').join(', ');
    const rows = this.db
      .prepare(`SELECT * FROM agents WHERE status IN (${marks})`)
      .all(...statuses) as Row[];
    return rows.map(toAgent);
  }

  patch(sessionId: string, patch: AgentPatch): StoredAgent {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, value] of Object.entries(patch) as [keyof AgentPatch, unknown][]) {
      if (value === undefined) continue;
      if (key === 'model') {
        const model = value as ModelChoice | null;
        sets.push('provider_id = ?', 'model_id = ?');
        values.push(model?.providerId ?? null, model?.modelId ?? null);
        continue;
      }
      const [column, encode] = columnOf[key] as [string, (v: unknown) => unknown];
      sets.push(`${column} = ?`);
      values.push(encode(value));
    }
    sets.push('updated_at = ?');
    values.push(new Date().toISOString());
    this.db
      .prepare(`UPDATE agents SET ${sets.join(', ')} WHERE session_id = ?`)
      .run(...values, sessionId);
    return this.get(sessionId)!;
  }
}
