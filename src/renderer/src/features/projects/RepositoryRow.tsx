import type { KeyboardEvent } from 'react';
import { Field } from '../../components/Field';
import type { RepositoryDraft, RepositoryPart } from './repositoryDraft';

interface RepositoryRowProps {
  /** 1-based, as the user counts: "Repository 1". */
  number: number;
  draft: RepositoryDraft;
  /** The server's errors for this row's fields, from the last submit. */
  errors: Partial<Record<RepositoryPart, string>>;
  onChange(patch: Partial<RepositoryDraft>, part: RepositoryPart): void;
  onInspect(): void;
  onRemove(): void;
}

/**
 * One repository of a project: where it is, then (once Berth has looked there) the base branch
 * and the directory it gets in every sandbox.
 */
export function RepositoryRow({
  number,
  draft,
  errors,
  onChange,
  onInspect,
  onRemove,
}: RepositoryRowProps) {
  const label = `Repository ${number}`;
  const empty = draft.branches?.length === 0;
  // The note below already says an empty repository has no commits; the host warns the same.
  const warnings = empty ? draft.warnings.filter((w) => !/^no commits/i.test(w)) : draft.warnings;
  const inspectOnEnter = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    // Enter looks at the repository instead of submitting the whole form.
    event.preventDefault();
    onInspect();
  };

  return (
    <li className="repository-row">
      <div className="repository-row-head">
        <span className="repository-row-title">{label}</span>
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove repository ${number}`}
          title={`Remove repository ${number}`}
          onClick={onRemove}
        >
          ×
        </button>
      </div>
      <Field label="Path or URL" error={errors.source ?? draft.error}>
        {(control) => (
          <input
            {...control}
            aria-label={`${label} path or URL`}
            className="input"
            value={draft.location}
            placeholder="/home/me/src/widgets or https://github.com/acme/widgets.git"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => onChange({ location: e.target.value }, 'source')}
            onBlur={onInspect}
            onKeyDown={inspectOnEnter}
          />
        )}
      </Field>
      {draft.inspecting && (
        <p className="field-note" role="status">
          Looking at the repository…
        </p>
      )}
      {draft.branches !== null && (
        <div className="repository-details">
          {empty ? (
            <div className="field">
              <p className="field-note repository-empty">
                No commits yet: the session starts an empty branch
              </p>
              {errors.baseBranch && (
                <p className="field-error" role="alert">
                  {errors.baseBranch}
                </p>
              )}
            </div>
          ) : (
            <Field label="Base branch" error={errors.baseBranch}>
              {(control) => (
                <select
                  {...control}
                  aria-label={`${label} base branch`}
                  className="input select"
                  value={draft.baseBranch ?? ''}
                  onChange={(e) => onChange({ baseBranch: e.target.value }, 'baseBranch')}
                >
                  {draft.branches?.map((branch) => (
                    <option key={branch} value={branch}>
                      {branch}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field label="Directory" error={errors.name}>
            {(control) => (
              <input
                {...control}
                aria-label={`${label} directory`}
                className="input"
                value={draft.name}
                maxLength={64}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => onChange({ name: e.target.value, nameEdited: true }, 'name')}
              />
            )}
          </Field>
        </div>
      )}
      {warnings.length > 0 && (
        <ul className="field-note repository-warnings">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
