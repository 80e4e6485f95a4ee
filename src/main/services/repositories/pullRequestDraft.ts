import type { PullRequestDraft } from '../../../shared/contract';

/** A pull request's title and description from what the session knows: its task and commits. */
export function draftPullRequest(input: {
  sessionName: string;
  task: string | undefined;
  commits: string[];
  base: string;
  branch: string;
}): Pick<PullRequestDraft, 'title' | 'body' | 'base' | 'branch'> {
  const subjects = input.commits.map((c) => c.split('\n')[0]!.trim()).filter(Boolean);
  const firstTaskLine = input.task?.trim().split('\n')[0]?.trim();
  // 72 characters: what git and GitHub show of a title without cutting it.
  const clip = (text: string) => (text.length > 72 ? `${text.slice(0, 71)}…` : text);
  const title = clip(
    subjects.length === 1 ? subjects[0]! : firstTaskLine || subjects.at(-1) || input.sessionName,
  );
  const parts: string[] = [];
  if (input.task?.trim()) parts.push(input.task.trim());
  if (subjects.length > 0) {
    // git log lists newest first; a description reads oldest first.
    parts.push(['## Commits', ...[...subjects].reverse().map((s) => `- ${s}`)].join('\n'));
  }
  parts.push(`_Made in the Berth session "${input.sessionName}"._`);
  return { title, body: parts.join('\n\n'), base: input.base, branch: input.branch };
}
