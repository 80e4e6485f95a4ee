import { z } from 'zod';
import {
  modelChoiceSchema,
  reasoningEfforts,
  type ModelChoice,
  type ReasoningEffort,
} from './models';
import { sessionIdSchema } from './sessions';

/**
 * Where a session's agent is. `awaiting_*` are persisted pauses that survive a restart;
 * `limit`, `stuck`, `interrupted`, `stopped` and `error` end a turn and wait for the user
 * (Continue, or a new message).
 */
export type AgentStatus =
  | 'idle'
  | 'running'
  | 'awaiting_approval'
  | 'awaiting_answer'
  | 'finished'
  | 'stopped'
  | 'limit'
  | 'stuck'
  | 'interrupted'
  | 'error';

/**
 * When the agent asks before acting. `auto` (the default) runs everything in the sandbox, which
 * is the safety boundary; `ask` asks before any command that is not known to be read-only;
 * `read-only` lets the agent read and search but never edit or run commands that change things.
 */
export type ApprovalMode = 'ask' | 'auto' | 'read-only';
export const approvalModes = ['ask', 'auto', 'read-only'] as const;

export type ToolName =
  | 'read_file'
  | 'list_files'
  | 'search'
  | 'edit'
  | 'write_file'
  | 'run_command'
  | 'ask_user'
  | 'update_plan'
  | 'finish';

export interface PlanStep {
  step: string;
  status: 'pending' | 'in_progress' | 'completed';
}

export interface QuestionOption {
  label: string;
  description?: string;
}

export interface Question {
  question: string;
  /** A short label for the question, at most 20 characters. */
  header?: string;
  /** 2–4 options; the user can always write their own answer instead. */
  options: QuestionOption[];
  multiSelect?: boolean;
}

/** A command (or edit) the policy wants the user to approve before it runs. */
export interface PendingApproval {
  kind: 'approval';
  toolCallId: string;
  tool: ToolName;
  /** The exact command, or the file for edits. */
  subject: string;
  /** The working directory in the sandbox. */
  cwd: string;
  /** Why it asks, e.g. `the mode asks before commands` or `rm is not known to be safe`. */
  reason: string;
  requestedAt: string;
}

export interface PendingQuestion {
  kind: 'question';
  toolCallId: string;
  questions: Question[];
  requestedAt: string;
}

export type PendingItem = PendingApproval | PendingQuestion;

/** A user rule: first match wins, deny before ask before allow. */
export interface ApprovalRule {
  id: string;
  /** `run_command` rules match the whole command; `*` at the end matches any arguments. */
  tool: 'run_command';
  pattern: string;
  decision: 'allow' | 'ask' | 'deny';
  createdAt: string;
}

export interface AgentLimits {
  /** Model steps per turn. */
  maxSteps: number;
  /** Wall-clock minutes per turn. */
  maxMinutes: number;
  /** Input plus output tokens per turn. */
  maxTokens: number;
}

export const defaultAgentLimits: AgentLimits = {
  maxSteps: 150,
  maxMinutes: 60,
  maxTokens: 2_000_000,
};

export interface InstructionsFile {
  /** Path in the sandbox, e.g. `/workspace/app/AGENTS.md`. */
  path: string;
  bytes: number;
  truncated: boolean;
}

export interface Skill {
  name: string;
  description: string;
  path: string;
}

/** What the agent was told by the repository: its AGENTS.md files and skills. */
export interface InstructionsInEffect {
  files: InstructionsFile[];
  skills: Skill[];
}

export interface QueuedMessage {
  id: string;
  text: string;
  attachments: AttachmentInfo[];
}

export interface AgentUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface AgentState {
  sessionId: string;
  status: AgentStatus;
  /** One line on why the agent is where it is (a limit, an error and what to do). */
  statusDetail?: string;
  /** The model of this session; the default model until the user picks one. */
  model: ModelChoice | null;
  reasoning: ReasoningEffort;
  mode: ApprovalMode;
  limits: AgentLimits;
  /** What waits for the user; all items of a step must be answered before it goes on. */
  pending: PendingItem[];
  /** Messages written while a turn ran; sent in order when it ends. */
  queued: QueuedMessage[];
  plan: PlanStep[];
  instructions: InstructionsInEffect | null;
  /** Files the agent edited or wrote, relative to the primary repository. */
  touchedFiles: string[];
  rules: ApprovalRule[];
  /** Tokens over the whole session. */
  usage: AgentUsage;
  /** Turns so far; the current one while running. */
  turn: number;
  /** The sequence number of the newest activity event. */
  lastSeq: number;
}

/** An attachment as the log and the chat show it (its content went to the model). */
export interface AttachmentInfo {
  name: string;
  mimeType: string;
  bytes: number;
}

// ---- activity: the append-only log of a session --------------------------------------------

export interface CommandDetail {
  type: 'command';
  command: string;
  cwd: string;
  exitCode: number | null;
  timedOut: boolean;
  /** stdout and stderr interleaved as they came, capped at 1 MiB (head and tail kept). */
  output: string;
  truncated: boolean;
}

export interface ReadDetail {
  type: 'read';
  path: string;
  startLine: number;
  endLine: number;
  totalLines: number;
  content: string;
}

export interface ListDetail {
  type: 'list';
  pattern: string;
  paths: string[];
  truncated: boolean;
}

export interface SearchDetail {
  type: 'search';
  pattern: string;
  matches: { path: string; line: number; text: string }[];
  truncated: boolean;
}

export interface EditDetail {
  type: 'edit';
  path: string;
  /** A unified diff of the change, a few lines of context. */
  diff: string;
  created: boolean;
}

export type ToolDetail = CommandDetail | ReadDetail | ListDetail | SearchDetail | EditDetail;

export type ToolResultStatus = 'ok' | 'error' | 'denied' | 'interrupted' | 'stopped';

export interface ActivityData {
  'user.message': {
    text: string;
    attachments: AttachmentInfo[];
    /** The review comments the message carried to the agent. */
    review?: { comments: number; files: number };
  };
  'turn.started': {
    trigger: 'message' | 'approval' | 'answer' | 'continue';
    model: ModelChoice;
    reasoning: ReasoningEffort;
  };
  instructions: InstructionsInEffect;
  'model.reasoning': { text: string };
  'model.text': { text: string };
  'tool.call': { toolCallId: string; tool: string; input: unknown };
  'approval.requested': PendingApproval;
  'approval.resolved': {
    toolCallId: string;
    decision: 'once' | 'always' | 'deny' | 'rule';
    reason?: string;
  };
  'question.asked': PendingQuestion;
  'question.answered': { toolCallId: string; answers: { question: string; answer: string }[] };
  'tool.started': { toolCallId: string; tool: string };
  'tool.result': {
    toolCallId: string;
    tool: string;
    status: ToolResultStatus;
    /** One line: `exit 0 in 1.2 s`, `read 40 lines`, the error message. */
    summary: string;
    durationMs: number;
    detail?: ToolDetail;
  };
  'plan.updated': { plan: PlanStep[]; explanation?: string };
  'file.changed': { path: string; change: 'edited' | 'created' };
  usage: AgentUsage & { step: number };
  retry: { attempt: number; delayMs: number; message: string };
  compaction: { messagesBefore: number; messagesAfter: number; tokensBefore: number };
  nudge: { text: string };
  'limit.reached': { limit: 'steps' | 'time' | 'tokens'; detail: string };
  stuck: { detail: string };
  error: { message: string };
  'turn.finished': {
    status: AgentStatus;
    /** The agent's summary when it called finish; the reason otherwise. */
    summary?: string;
    outcome?: 'done' | 'blocked' | 'needs_input';
  };
}

export type ActivityKind = keyof ActivityData;

export type ActivityEvent = {
  [K in ActivityKind]: {
    sessionId: string;
    seq: number;
    turn: number;
    at: string;
    kind: K;
    data: ActivityData[K];
  };
}[ActivityKind];

// ---- input schemas --------------------------------------------------------------------------

/** 256 KiB for a text file, 5 MiB for an image, 10 files and 12 MiB in all per message. */
export const attachmentLimits = {
  textBytes: 256 * 1024,
  imageBytes: 5 * 1024 * 1024,
  files: 10,
  totalBytes: 12 * 1024 * 1024,
} as const;

export const attachmentSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    mimeType: z.string().min(1).max(255),
    /** Text files: their content. */
    text: z
      .string()
      .max(attachmentLimits.textBytes, 'text attachments are limited to 256 KiB')
      .optional(),
    /** Images: base64 of the bytes. */
    data: z
      .string()
      .max(Math.ceil((attachmentLimits.imageBytes * 4) / 3) + 4, 'images are limited to 5 MiB')
      .optional(),
  })
  .strict()
  .refine((a) => (a.text === undefined) !== (a.data === undefined), {
    message: 'an attachment has either text or data',
  });

export type AttachmentInput = z.infer<typeof attachmentSchema>;

const bySession = z.object({ sessionId: sessionIdSchema }).strict();
const toolCallId = z.string().min(1).max(128);

export const agentInput = {
  state: bySession,
  /** The newest `limit` events before `beforeSeq` (or the newest), oldest first. */
  activity: z
    .object({
      sessionId: sessionIdSchema,
      beforeSeq: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(2000).optional(),
    })
    .strict(),
  send: z
    .object({
      sessionId: sessionIdSchema,
      text: z.string().max(262_144, 'a message is limited to 256 KiB'),
      attachments: z.array(attachmentSchema).max(attachmentLimits.files).optional(),
    })
    .strict(),
  stop: bySession,
  continue: bySession,
  unqueue: z.object({ sessionId: sessionIdSchema, id: z.string().min(1).max(64) }).strict(),
  approve: z
    .object({
      sessionId: sessionIdSchema,
      toolCallId,
      decision: z.enum(['once', 'always', 'deny']),
      /** Told to the model with a denial. */
      reason: z.string().max(4000).optional(),
    })
    .strict(),
  answer: z
    .object({
      sessionId: sessionIdSchema,
      toolCallId,
      /** One answer per question, in order. */
      answers: z.array(z.string().max(16_384)).min(1).max(4),
    })
    .strict(),
  configure: z
    .object({
      sessionId: sessionIdSchema,
      model: modelChoiceSchema.optional(),
      reasoning: z.enum(reasoningEfforts).optional(),
      mode: z.enum(approvalModes).optional(),
      limits: z
        .object({
          maxSteps: z.number().int().min(1).max(10_000),
          maxMinutes: z
            .number()
            .int()
            .min(1)
            .max(24 * 60),
          maxTokens: z.number().int().min(1000).max(1_000_000_000),
        })
        .strict()
        .optional(),
    })
    .strict(),
  addRule: z
    .object({
      sessionId: sessionIdSchema,
      pattern: z.string().trim().min(1).max(1000),
      decision: z.enum(['allow', 'ask', 'deny']),
    })
    .strict(),
  removeRule: z.object({ sessionId: sessionIdSchema, id: z.string().min(1).max(64) }).strict(),
};

export interface AgentApi {
  /** The agent of a session: status, model, what waits for the user, plan, instructions. */
  state(input: z.infer<typeof agentInput.state>): Promise<AgentState>;
  /** A page of the activity log, oldest first; `hasMore` when older events exist. */
  activity(
    input: z.infer<typeof agentInput.activity>,
  ): Promise<{ events: ActivityEvent[]; hasMore: boolean }>;
  /**
   * Sends a message: starts a turn, or queues it while one runs. With a question waiting, the
   * message answers it. `unavailable` when no model is chosen or the sandbox is not running.
   */
  send(input: z.infer<typeof agentInput.send>): Promise<AgentState>;
  /** Stops the running turn: the running command is killed in the sandbox. */
  stop(input: z.infer<typeof agentInput.stop>): Promise<AgentState>;
  /** Goes on after a limit, a stop, being stuck, an error or a restart. */
  continue(input: z.infer<typeof agentInput.continue>): Promise<AgentState>;
  /** Drops a queued message before it is sent. */
  unqueue(input: z.infer<typeof agentInput.unqueue>): Promise<AgentState>;
  /** Answers an approval; `always` adds a rule for this exact command. */
  approve(input: z.infer<typeof agentInput.approve>): Promise<AgentState>;
  /** Answers the agent's question; the turn goes on. */
  answer(input: z.infer<typeof agentInput.answer>): Promise<AgentState>;
  /** Model, reasoning effort, approval mode and limits of the session; remembered. */
  configure(input: z.infer<typeof agentInput.configure>): Promise<AgentState>;
  addRule(input: z.infer<typeof agentInput.addRule>): Promise<AgentState>;
  removeRule(input: z.infer<typeof agentInput.removeRule>): Promise<AgentState>;
}

export interface AgentEvents {
  /** An event appended to the log (already durable); topic is the session id. */
  activity: ActivityEvent;
  /** Model text as it streams, not stored (the step's whole text is, when it ends). */
  delta: { sessionId: string; turn: number; kind: 'text' | 'reasoning'; text: string };
  /** Output of the running command as it comes; topic is the session id. */
  output: { sessionId: string; toolCallId: string; text: string };
  state: AgentState;
}
