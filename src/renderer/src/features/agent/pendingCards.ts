import type {
  PendingApproval,
  PendingItem,
  PendingQuestion,
  Question,
} from '../../../../shared/contract/agent';

export type PendingCard =
  | {
      kind: 'approval';
      key: string;
      toolCallId: string;
      /** `Run this command?`, `Edit this file?` */
      title: string;
      /** The exact command, or the file for edits. */
      subject: string;
      cwd: string;
      reason: string;
    }
  | {
      kind: 'question';
      key: string;
      toolCallId: string;
      questions: Question[];
      /** One click on an option answers the card: one question, one choice. */
      answerOnClick: boolean;
    };

const approvalTitles: Record<string, string> = {
  run_command: 'Run this command?',
  edit: 'Edit this file?',
  write_file: 'Write this file?',
};

/** Every pending item as a card, in the order the agent asked (all must be answered). */
export function pendingCards(pending: readonly PendingItem[]): PendingCard[] {
  return pending.map((item) =>
    item.kind === 'approval' ? approvalCard(item) : questionCard(item),
  );
}

function approvalCard(item: PendingApproval): PendingCard {
  return {
    kind: 'approval',
    key: `approval:${item.toolCallId}`,
    toolCallId: item.toolCallId,
    title: approvalTitles[item.tool] ?? `Allow ${item.tool}?`,
    subject: item.subject,
    cwd: item.cwd,
    reason: item.reason,
  };
}

function questionCard(item: PendingQuestion): PendingCard {
  const only = item.questions.length === 1 ? item.questions[0] : undefined;
  return {
    kind: 'question',
    key: `question:${item.toolCallId}`,
    toolCallId: item.toolCallId,
    questions: item.questions,
    answerOnClick: only !== undefined && !only.multiSelect,
  };
}

/** What the user picked for one question so far. */
export interface QuestionDraft {
  selected: string[];
  other: string;
}

export const emptyDraft: QuestionDraft = { selected: [], other: '' };

/** Picks an option: toggles it for multi-select, replaces the choice otherwise. */
export function pick(question: Question, draft: QuestionDraft, label: string): QuestionDraft {
  if (!question.multiSelect) return { selected: [label], other: '' };
  const selected = draft.selected.includes(label)
    ? draft.selected.filter((l) => l !== label)
    : [...draft.selected, label];
  return { ...draft, selected };
}

/**
 * The answer string of one question: the written answer wins for single choice; for
 * multi-select the picked labels in option order, then the written one, joined by `, `.
 */
export function answerText(question: Question, draft: QuestionDraft): string {
  const other = draft.other.trim();
  if (!question.multiSelect) return other || draft.selected[0] || '';
  const picked = question.options.map((o) => o.label).filter((l) => draft.selected.includes(l));
  return [...picked, ...(other ? [other] : [])].join(', ');
}

/** One answer per question, in order; null while one of them has none. */
export function answersFor(
  questions: readonly Question[],
  drafts: readonly (QuestionDraft | undefined)[],
): string[] | null {
  const answers = questions.map((q, i) => answerText(q, drafts[i] ?? emptyDraft));
  return answers.every((a) => a !== '') ? answers : null;
}
