import type { RepositoryPick } from './sessionDraft';
import type { BranchList } from './useProjectBranches';

interface ProjectRepositoryPickerProps {
  picks: RepositoryPick[];
  branches: Record<string, BranchList>;
  primary: string | null;
  error: string | null;
  onPick(id: string, patch: Partial<RepositoryPick>): void;
  onPrimary(name: string): void;
}

/**
 * The chosen project's repositories: which to check out, each on which base branch, and which
 * one is primary (new terminals and the agent start there).
 */
export function ProjectRepositoryPicker({
  picks,
  branches,
  primary,
  error,
  onPick,
  onPrimary,
}: ProjectRepositoryPickerProps) {
  const ticked = picks.filter((p) => p.ticked);
  return (
    <fieldset className="repository-picks">
      <legend className="field-label">Repositories</legend>
      {picks.length === 0 && (
        <p className="field-note">This project has no repositories: /workspace starts empty.</p>
      )}
      <ul>
        {picks.map((pick) => {
          const list = branches[pick.id];
          const options = optionsFor(pick, list);
          return (
            <li key={pick.id} className="repository-pick">
              <label className="check">
                <input
                  type="checkbox"
                  checked={pick.ticked}
                  aria-invalid={error !== null}
                  onChange={(e) => onPick(pick.id, { ticked: e.target.checked })}
                />
                <span className="mono">{pick.name}</span>
              </label>
              {pick.baseBranch === null ? (
                <span className="field-note">
                  No commits yet: the session starts an empty branch
                </span>
              ) : (
                <select
                  className="input select small"
                  aria-label={`${pick.name} base branch`}
                  value={pick.baseBranch}
                  disabled={!pick.ticked}
                  onChange={(e) => onPick(pick.id, { baseBranch: e.target.value })}
                >
                  {options.map((branch) => (
                    <option key={branch} value={branch}>
                      {branch}
                    </option>
                  ))}
                </select>
              )}
              {list?.state === 'loading' && <span className="field-note">Listing branches…</span>}
              {list?.state === 'error' && (
                <span className="field-note warning" title={list.message}>
                  Branches could not be listed: {list.message}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {picks.length > 0 && (
        <label className="field">
          <span className="field-label">Primary repository</span>
          <select
            className="input select"
            value={primary ?? ''}
            disabled={ticked.length === 0}
            onChange={(e) => onPrimary(e.target.value)}
          >
            {ticked.length === 0 && <option value="">None ticked</option>}
            {ticked.map((p) => (
              <option key={p.id} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}

/** The branches to offer: those listed on the host, with the chosen one always among them. */
function optionsFor(pick: RepositoryPick, list: BranchList | undefined): string[] {
  const listed = list?.state === 'ready' ? list.branches : [];
  if (pick.baseBranch === null || listed.includes(pick.baseBranch)) return listed;
  return [pick.baseBranch, ...listed];
}
