import { describe, expect, it } from 'vitest';
import type { PendingItem, Question } from '../../../../shared/contract/agent';
import { answerText, answersFor, pendingCards, pick, type QuestionDraft } from './pendingCards';

const single: Question = {
  question: 'Which database?',
  header: 'Database',
  options: [{ label: 'Postgres' }, { label: 'SQLite' }],
};
const multi: Question = {
  question: 'Which checks?',
  options: [{ label: 'lint' }, { label: 'test' }, { label: 'build' }],
  multiSelect: true,
};

describe('pendingCards', () => {
  it('makes a card of every pending item, in order', () => {
    const pending: PendingItem[] = [
      {
        kind: 'approval',
        toolCallId: 'a1',
        tool: 'run_command',
        subject: 'rm -rf dist',
        cwd: '/workspace/app',
        reason: 'rm is not known to be safe',
        requestedAt: '',
      },
      {
        kind: 'approval',
        toolCallId: 'a2',
        tool: 'edit',
        subject: 'src/a.ts',
        cwd: '/workspace/app',
        reason: 'read-only',
        requestedAt: '',
      },
      { kind: 'question', toolCallId: 'q1', questions: [single], requestedAt: '' },
      { kind: 'question', toolCallId: 'q2', questions: [single, multi], requestedAt: '' },
    ];
    expect(pendingCards(pending)).toEqual([
      {
        kind: 'approval',
        key: 'approval:a1',
        toolCallId: 'a1',
        title: 'Run this command?',
        subject: 'rm -rf dist',
        cwd: '/workspace/app',
        reason: 'rm is not known to be safe',
      },
      expect.objectContaining({
        key: 'approval:a2',
        title: 'Edit this file?',
        subject: 'src/a.ts',
      }),
      expect.objectContaining({ key: 'question:q1', answerOnClick: true }),
      expect.objectContaining({ key: 'question:q2', answerOnClick: false }),
    ]);
  });

  it('answers a single multi-select question with Submit, not on click', () => {
    const cards = pendingCards([
      { kind: 'question', toolCallId: 'q', questions: [multi], requestedAt: '' },
    ]);
    expect(cards[0]).toMatchObject({ answerOnClick: false });
  });
});

describe('question answers', () => {
  const none: QuestionDraft = { selected: [], other: '' };

  it('picks one option for single choice and toggles for multi-select', () => {
    const a = pick(single, none, 'Postgres');
    expect(pick(single, a, 'SQLite').selected).toEqual(['SQLite']);
    const b = pick(multi, pick(multi, none, 'test'), 'lint');
    expect(b.selected).toEqual(['test', 'lint']);
    expect(pick(multi, b, 'test').selected).toEqual(['lint']);
  });

  it('gives the written answer first for single choice', () => {
    expect(answerText(single, { selected: ['SQLite'], other: '' })).toBe('SQLite');
    expect(answerText(single, { selected: ['SQLite'], other: ' MySQL ' })).toBe('MySQL');
  });

  it('joins multi-select labels in option order, then the written answer', () => {
    expect(answerText(multi, { selected: ['build', 'lint'], other: 'e2e' })).toBe(
      'lint, build, e2e',
    );
  });

  it('has one answer per question, or none until each is answered', () => {
    expect(
      answersFor([single, multi], [{ selected: ['SQLite'], other: '' }, undefined]),
    ).toBeNull();
    expect(
      answersFor(
        [single, multi],
        [
          { selected: ['SQLite'], other: '' },
          { selected: ['test'], other: '' },
        ],
      ),
    ).toEqual(['SQLite', 'test']);
  });
});
