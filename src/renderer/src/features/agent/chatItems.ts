import type {
  ActivityData,
  ActivityEvent,
  AgentStatus,
  AttachmentInfo,
  PendingApproval,
  PendingQuestion,
  PlanStep,
} from '../../../../shared/contract/agent';

export type ToolResult = ActivityData['tool.result'];

/** `waiting`: called, not started yet (an approval may hold it); `running`: started, no result. */
export type ToolState = 'waiting' | 'running' | ToolResult['status'];

export type NoticeTone = 'info' | 'warning' | 'error';

/** One row of the chat. `key` is stable while events are added, so measured heights stay put. */
export type ChatItem =
  | {
      type: 'user';
      key: string;
      text: string;
      attachments: AttachmentInfo[];
      review?: ActivityData['user.message']['review'];
    }
  | { type: 'text'; key: string; text: string }
  | { type: 'reasoning'; key: string; text: string }
  | {
      type: 'tool';
      key: string;
      toolCallId: string;
      tool: string;
      input: unknown;
      state: ToolState;
      result?: ToolResult;
    }
  | {
      type: 'approval';
      key: string;
      request: PendingApproval;
      resolution?: ActivityData['approval.resolved'];
    }
  | {
      type: 'question';
      key: string;
      request: PendingQuestion;
      answers?: ActivityData['question.answered']['answers'];
    }
  | { type: 'plan'; key: string; plan: PlanStep[]; explanation?: string }
  | { type: 'notice'; key: string; tone: NoticeTone; text: string }
  | {
      type: 'finished';
      key: string;
      status: AgentStatus;
      summary?: string;
      outcome?: ActivityData['turn.finished']['outcome'];
    };

/**
 * Tools whose call is shown by its own activity (the question, the plan, the summary card): their
 * tool rows would only repeat it, unless the call failed.
 */
const shownElsewhere = new Set(['ask_user', 'update_plan', 'finish']);

const endNotices = new Set<AgentStatus>(['limit', 'stuck', 'error']);

/**
 * The chat as rows, built from the activity log (oldest first). A tool call and its result are
 * one row, found by toolCallId; so are an approval and its resolution, a question and its
 * answers. Usage and file changes are in the panel's header, not in the log.
 */
export function chatItems(events: readonly ActivityEvent[]): ChatItem[] {
  const items: ChatItem[] = [];
  const byCall = new Map<string, number>();
  const approvals = new Map<string, number>();
  const questions = new Map<string, number>();
  // The turns whose end was already told by a limit, stuck or error row.
  const endTold = new Set<number>();

  const tool = (toolCallId: string, name: string): number => {
    const at = byCall.get(toolCallId);
    if (at !== undefined) return at;
    items.push({
      type: 'tool',
      key: `tool:${toolCallId}`,
      toolCallId,
      tool: name,
      input: undefined,
      state: 'waiting',
    });
    byCall.set(toolCallId, items.length - 1);
    return items.length - 1;
  };
  const update = (index: number, change: (item: ChatItem) => ChatItem): void => {
    const item = items[index];
    if (item) items[index] = change(item);
  };

  for (const event of events) {
    const key = `e${event.seq}`;
    switch (event.kind) {
      case 'user.message':
        items.push({ type: 'user', key, ...event.data });
        break;
      case 'turn.started':
        if (event.data.trigger === 'continue') {
          items.push({ type: 'notice', key, tone: 'info', text: 'Continued.' });
        }
        break;
      case 'instructions': {
        const text = instructionsText(event.data.files.length, event.data.skills.length);
        if (text) items.push({ type: 'notice', key, tone: 'info', text });
        break;
      }
      case 'model.reasoning':
        if (event.data.text.trim()) items.push({ type: 'reasoning', key, text: event.data.text });
        break;
      case 'model.text':
        if (event.data.text.trim()) items.push({ type: 'text', key, text: event.data.text });
        break;
      case 'tool.call': {
        const index = tool(event.data.toolCallId, event.data.tool);
        update(index, (item) =>
          item.type === 'tool' ? { ...item, tool: event.data.tool, input: event.data.input } : item,
        );
        break;
      }
      case 'tool.started': {
        const index = tool(event.data.toolCallId, event.data.tool);
        update(index, (item) =>
          item.type === 'tool' && item.state === 'waiting' ? { ...item, state: 'running' } : item,
        );
        break;
      }
      case 'tool.result': {
        const index = tool(event.data.toolCallId, event.data.tool);
        update(index, (item) =>
          item.type === 'tool' ? { ...item, state: event.data.status, result: event.data } : item,
        );
        break;
      }
      case 'approval.requested':
        items.push({ type: 'approval', key, request: event.data });
        approvals.set(event.data.toolCallId, items.length - 1);
        break;
      case 'approval.resolved': {
        const index = approvals.get(event.data.toolCallId);
        if (index !== undefined) {
          update(index, (item) =>
            item.type === 'approval' ? { ...item, resolution: event.data } : item,
          );
        }
        break;
      }
      case 'question.asked':
        items.push({ type: 'question', key, request: event.data });
        questions.set(event.data.toolCallId, items.length - 1);
        break;
      case 'question.answered': {
        const index = questions.get(event.data.toolCallId);
        if (index !== undefined) {
          update(index, (item) =>
            item.type === 'question' ? { ...item, answers: event.data.answers } : item,
          );
        } else {
          // The question is on an earlier page: the answers still say what was decided.
          const text = event.data.answers.map((a) => `${a.question} → ${a.answer}`).join('\n');
          items.push({ type: 'notice', key, tone: 'info', text: `Answered: ${text}` });
        }
        break;
      }
      case 'plan.updated':
        items.push({
          type: 'plan',
          key,
          plan: event.data.plan,
          ...(event.data.explanation ? { explanation: event.data.explanation } : {}),
        });
        break;
      case 'retry':
        items.push({
          type: 'notice',
          key,
          tone: 'warning',
          text: `Retrying (attempt ${event.data.attempt}) in ${seconds(event.data.delayMs)}: ${event.data.message}`,
        });
        break;
      case 'compaction':
        items.push({
          type: 'notice',
          key,
          tone: 'info',
          text: `Compacted the conversation: ${event.data.messagesBefore} → ${event.data.messagesAfter} messages (${compact(event.data.tokensBefore)} tokens before).`,
        });
        break;
      case 'nudge':
        items.push({ type: 'notice', key, tone: 'info', text: `Nudged: ${event.data.text}` });
        break;
      case 'limit.reached':
        items.push({ type: 'notice', key, tone: 'warning', text: stopped(event.data.detail) });
        endTold.add(event.turn);
        break;
      case 'stuck':
        items.push({ type: 'notice', key, tone: 'warning', text: `Stuck: ${event.data.detail}` });
        endTold.add(event.turn);
        break;
      case 'error':
        items.push({ type: 'notice', key, tone: 'error', text: event.data.message });
        endTold.add(event.turn);
        break;
      case 'turn.finished':
        items.push(...finished(event, key, endTold.has(event.turn)));
        break;
      case 'usage':
      case 'file.changed':
        break;
    }
  }
  return items.filter(
    (item) =>
      item.type !== 'tool' ||
      !shownElsewhere.has(item.tool) ||
      item.state === 'error' ||
      item.state === 'interrupted',
  );
}

function finished(
  event: Extract<ActivityEvent, { kind: 'turn.finished' }>,
  key: string,
  told: boolean,
): ChatItem[] {
  const { status, summary, outcome } = event.data;
  if (status === 'stopped') {
    return [{ type: 'notice', key, tone: 'warning', text: 'Stopped by the user.' }];
  }
  if (status === 'interrupted') {
    return [
      {
        type: 'notice',
        key,
        tone: 'warning',
        text: summary ? `Interrupted: ${summary}` : 'Interrupted.',
      },
    ];
  }
  if (endNotices.has(status)) {
    if (told) return [];
    return [
      {
        type: 'notice',
        key,
        tone: status === 'error' ? 'error' : 'warning',
        text: summary ?? `The turn ended: ${status}.`,
      },
    ];
  }
  return [
    {
      type: 'finished',
      key,
      status,
      ...(summary ? { summary } : {}),
      ...(outcome ? { outcome } : {}),
    },
  ];
}

/** `step limit of 150 reached` → `Stopped: step limit of 150 reached`. */
export function stopped(detail: string): string {
  return /^stopped\b/i.test(detail.trim()) ? detail.trim() : `Stopped: ${detail.trim()}`;
}

function instructionsText(files: number, skills: number): string | null {
  if (files === 0 && skills === 0) return null;
  const parts = [];
  if (files > 0) parts.push(`${files} instructions file${files === 1 ? '' : 's'}`);
  if (skills > 0) parts.push(`${skills} skill${skills === 1 ? '' : 's'}`);
  return `Read ${parts.join(' and ')}.`;
}

function seconds(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}

/** 1234 → `1.2k`, 2_000_000 → `2M`. */
export function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${trim(n / 1000)}k`;
  return `${trim(n / 1_000_000)}M`;
}

function trim(x: number): string {
  return x >= 100 ? String(Math.round(x)) : x.toFixed(1).replace(/\.0$/, '');
}
