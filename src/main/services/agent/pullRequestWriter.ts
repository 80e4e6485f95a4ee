import { generateText } from 'ai';
import type { ActivityEvent } from '../../../shared/contract';
import type { ResolvedModel } from './agentDeps';

/** What the session did, for the model to describe in a pull request. */
export interface PullRequestFacts {
  task: string | undefined;
  /** The log's user messages, agent summaries and commands, oldest first. */
  events: ActivityEvent[];
  commits: string[];
  diffStat: string;
  uncommitted: string[];
  base: string;
  branch: string;
}

const instructions = [
  'You write pull request titles and descriptions for work done in a coding session.',
  'Answer with the title on the first line (imperative mood, at most 72 characters, no markdown),',
  'then an empty line, then the description in markdown with two sections:',
  '"## What changed and why" and "## How it was tested" (name the commands that were run and',
  'whether they passed). Be factual and brief; do not invent work that is not in the facts.',
].join(' ');

/** Asks the session's model for a pull request title and description from the session's work. */
export async function writePullRequest(
  resolved: ResolvedModel,
  facts: PullRequestFacts,
  signal?: AbortSignal,
): Promise<{ title: string; body: string }> {
  const result = await generateText({
    model: resolved.model,
    instructions,
    prompt: describe(facts),
    maxRetries: 2,
    ...(signal ? { abortSignal: signal } : {}),
  });
  return parseDraft(result.text);
}

/** Splits the model's answer into a title (first non-empty line, clipped) and the rest. */
export function parseDraft(text: string): { title: string; body: string } {
  const lines = text.trim().split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const raw = (lines[first] ?? '')
    .replace(/^#+\s*/, '')
    .replace(/^title:\s*/i, '')
    .replace(/^["*`]+|["*`]+$/g, '')
    .trim();
  const title = raw.length > 72 ? `${raw.slice(0, 71)}…` : raw;
  if (!title) throw new Error('the model answered without a title');
  return {
    title,
    body: lines
      .slice(first + 1)
      .join('\n')
      .trim(),
  };
}

function describe(facts: PullRequestFacts): string {
  const parts: string[] = [`Branch ${facts.branch} into ${facts.base}.`];
  if (facts.task) parts.push(`The task:\n${facts.task}`);
  const log: string[] = [];
  for (const e of facts.events) {
    if (e.kind === 'user.message') log.push(`User: ${e.data.text.slice(0, 2000)}`);
    if (e.kind === 'turn.finished' && e.data.summary)
      log.push(`Agent summary: ${e.data.summary.slice(0, 4000)}`);
    if (e.kind === 'tool.result' && e.data.detail?.type === 'command') {
      log.push(`Command: ${e.data.detail.command} → exit ${e.data.detail.exitCode ?? 'unknown'}`);
    }
  }
  if (log.length > 0) parts.push(`The session:\n${log.join('\n')}`);
  if (facts.commits.length > 0)
    parts.push(`Commits:\n${facts.commits.map((c) => `- ${c.split('\n')[0]}`).join('\n')}`);
  if (facts.diffStat) parts.push(`Changes (git diff --stat):\n${facts.diffStat}`);
  if (facts.uncommitted.length > 0) {
    parts.push(
      `Not committed yet (will be part of the pull request):\n${facts.uncommitted.slice(0, 50).join('\n')}`,
    );
  }
  return parts.join('\n\n');
}
