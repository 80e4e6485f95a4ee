import { useState, type KeyboardEvent } from 'react';
import type { Question } from '../../../../shared/contract/agent';
import { api } from '../../rpc/connection';
import { agentCall } from './agentCall';
import { answersFor, emptyDraft, pick, type PendingCard, type QuestionDraft } from './pendingCards';

type QuestionCardModel = Extract<PendingCard, { kind: 'question' }>;

/**
 * The agent's question(s): option buttons (checkboxes for multi-select) and a written answer
 * for anything else. One single-choice question is answered by one click.
 */
export function QuestionCard({ card, sessionId }: { card: QuestionCardModel; sessionId: string }) {
  const [drafts, setDrafts] = useState<QuestionDraft[]>(() => card.questions.map(() => emptyDraft));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const answers = answersFor(card.questions, drafts);

  const submit = async (given: string[] | null): Promise<void> => {
    if (!given || busy) return;
    setBusy(true);
    setError(null);
    const failed = await agentCall(() =>
      api().agent.answer({ sessionId, toolCallId: card.toolCallId, answers: given }),
    );
    setBusy(false);
    setError(failed);
  };

  const change = (index: number, draft: QuestionDraft): void =>
    setDrafts((all) => all.map((d, i) => (i === index ? draft : d)));

  const choose = (index: number, question: Question, label: string): void => {
    const draft = pick(question, drafts[index] ?? emptyDraft, label);
    if (card.answerOnClick) void submit([label]);
    else change(index, draft);
  };

  return (
    <div
      className="pending-card"
      role="group"
      aria-label="Question"
      data-tool-call-id={card.toolCallId}
    >
      {card.questions.map((question, index) => (
        <QuestionFields
          key={index}
          question={question}
          index={index}
          many={card.questions.length > 1}
          draft={drafts[index] ?? emptyDraft}
          busy={busy}
          onChoose={(label) => choose(index, question, label)}
          onOther={(other) => change(index, { ...(drafts[index] ?? emptyDraft), other })}
          onEnter={() => void submit(answers)}
        />
      ))}
      <div className="pending-actions">
        <button
          type="button"
          className="button small primary"
          disabled={busy || answers === null}
          onClick={() => void submit(answers)}
        >
          Submit
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

interface QuestionFieldsProps {
  question: Question;
  index: number;
  many: boolean;
  draft: QuestionDraft;
  busy: boolean;
  onChoose(label: string): void;
  onOther(text: string): void;
  onEnter(): void;
}

function QuestionFields(props: QuestionFieldsProps) {
  const { question, index, many, draft, busy, onChoose, onOther, onEnter } = props;
  const name = question.header ?? `question ${index + 1}`;
  const onKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    event.preventDefault();
    onEnter();
  };
  return (
    <fieldset className="question" disabled={busy}>
      {question.header && <legend className="question-header">{question.header}</legend>}
      <p className="question-text">{question.question}</p>
      <div className="question-options">
        {question.options.map((option) =>
          question.multiSelect ? (
            <label key={option.label} className="question-check" title={option.description}>
              <input
                type="checkbox"
                checked={draft.selected.includes(option.label)}
                onChange={() => onChoose(option.label)}
              />
              <span>{option.label}</span>
              {option.description && <span className="muted"> — {option.description}</span>}
            </label>
          ) : (
            <button
              key={option.label}
              type="button"
              className="button small option"
              aria-pressed={draft.selected.includes(option.label)}
              title={option.description}
              onClick={() => onChoose(option.label)}
            >
              {option.label}
            </button>
          ),
        )}
      </div>
      <input
        className="input small"
        aria-label={many ? `Other answer to ${name}` : 'Other answer'}
        placeholder="Other…"
        value={draft.other}
        onChange={(e) => onOther(e.target.value)}
        onKeyDown={onKey}
      />
    </fieldset>
  );
}
