import { useEffect, useRef, useState, type FormEvent } from 'react';
import { projectNameSchema, type Project } from '../../../../shared/contract/projects';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { fieldErrorOf } from '../../lib/fieldError';
import { schemaError } from '../../lib/schemaError';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { DeleteProjectConfirm } from './DeleteProjectConfirm';
import { clearRowError, noErrors, placeProjectError, type ProjectErrors } from './projectErrors';
import { draftFromRepository, emptyDraft, repositoryInputs } from './repositoryDraft';
import { RepositoryRow } from './RepositoryRow';
import { useRepositoryDrafts } from './useRepositoryDrafts';

/**
 * Creates a project, or edits one (`project` given). Each repository is looked at as it is
 * entered; the server's errors show beside the field they name and nothing typed is lost.
 */
export function ProjectDialog({ project, onClose }: { project?: Project; onClose(): void }) {
  const editing = project !== undefined;
  const [name, setName] = useState(project?.name ?? '');
  const rows = useRepositoryDrafts(() =>
    project ? project.repositories.map(draftFromRepository) : [emptyDraft()],
  );
  const [errors, setErrors] = useState<ProjectErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const upsertProject = useStore((s) => s.upsertProject);

  // A saved project's rows list only their own base branch until their branches are read.
  const { drafts, inspect } = rows;
  const initialDrafts = useRef(drafts);
  useEffect(() => {
    for (const draft of initialDrafts.current) if (draft.saved !== null) void inspect(draft);
  }, [inspect]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const nameError = schemaError(projectNameSchema, name);
    if (nameError) {
      setErrors({ rows: {}, name: nameError });
      nameRef.current?.focus();
      return;
    }
    const sent = repositoryInputs(drafts);
    const input = { name: name.trim(), repositories: sent.map((s) => s.input) };
    setBusy(true);
    setErrors(noErrors);
    try {
      const saved = project
        ? await api().projects.update({ id: project.id, ...input })
        : await api().projects.create(input);
      upsertProject(saved);
      onClose();
    } catch (failure) {
      setErrors(
        placeProjectError(
          fieldErrorOf(failure),
          sent.map((s) => s.key),
        ),
      );
      setBusy(false);
    }
  };

  const title = editing ? 'Edit project' : 'New project';
  return (
    <Modal label={title} onClose={onClose} initialFocus={nameRef} size="wide">
      <form className="dialog-body" onSubmit={submit} noValidate>
        <h2 className="dialog-title">{title}</h2>
        <p className="dialog-text">
          A project names the repositories a session checks out, each in
          /workspace/&lt;directory&gt; on a new session branch.
        </p>
        <Field label="Project name" error={errors.name}>
          {(control) => (
            <input
              {...control}
              ref={nameRef}
              className="input"
              value={name}
              maxLength={200}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => {
                setName(e.target.value);
                if (errors.name) setErrors({ ...errors, name: undefined });
              }}
            />
          )}
        </Field>
        <div className="repositories-field">
          <span className="field-label">Repositories</span>
          <ol className="repository-rows">
            {drafts.map((draft, index) => (
              <RepositoryRow
                key={draft.key}
                number={index + 1}
                draft={draft}
                errors={errors.rows[draft.key] ?? {}}
                onChange={(patch, part) => {
                  rows.change(draft.key, patch);
                  setErrors((e) => clearRowError(e, draft.key, part));
                }}
                onInspect={() => void inspect(draft)}
                onRemove={() => rows.remove(draft.key)}
              />
            ))}
          </ol>
          {drafts.length === 0 && (
            <p className="field-note">No repositories: sessions start with an empty /workspace.</p>
          )}
          {errors.repositories && (
            <p className="field-error" role="alert">
              {errors.repositories}
            </p>
          )}
          <button type="button" className="button small add-repository" onClick={rows.add}>
            Add repository
          </button>
        </div>
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        {confirmDelete && project ? (
          <DeleteProjectConfirm
            project={project}
            onKeep={() => setConfirmDelete(false)}
            onDeleted={onClose}
          />
        ) : (
          <div className="dialog-actions">
            {editing && (
              <button
                type="button"
                className="button danger-quiet"
                onClick={() => setConfirmDelete(true)}
              >
                Delete project
              </button>
            )}
            <div className="spacer" />
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Saving…' : editing ? 'Save' : 'Create project'}
            </button>
          </div>
        )}
      </form>
    </Modal>
  );
}
