import type { BranchState, HomeResult, SeedStatus } from '../../../../shared/contract/repositories';

/** `berth/fix-login · 2 ahead · 0 behind · 3 changed` */
export function branchStateText(state: BranchState): string {
  return [
    state.branch,
    `${state.ahead} ahead`,
    `${state.behind} behind`,
    `${state.changedFiles} changed`,
  ].join(' · ');
}

/** `berth/fix-login is in /home/me/src/widgets at 1a2b3c4 (12 objects)` */
export function homeResultText(result: HomeResult): string {
  const travelled =
    result.objects === 0
      ? 'it was already there'
      : `${result.objects} ${result.objects === 1 ? 'object' : 'objects'}`;
  return `${result.branch} is in ${result.destination} at ${shortCommit(result.commit)} (${travelled})`;
}

export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}

const seedWords: Record<SeedStatus, string> = {
  pending: 'waiting to be checked out',
  seeding: 'being checked out',
  ready: 'checked out',
  error: 'could not be checked out',
};

/** Where a repository is in being checked out into the sandbox, in words. */
export function seedText(seed: SeedStatus): string {
  return seedWords[seed];
}
