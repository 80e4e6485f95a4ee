import { useRef, useState, type FormEvent } from 'react';
import { branchNameError } from '../../../../shared/contract/branchNames';
import { RpcError } from '../../../../shared/contract/errors';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { fieldErrorOf } from '../../lib/fieldError';
import { sessionNameError } from '../../lib/sessionName';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { defaultEngineId, engineChoiceError } from './engineChoice';
import { EngineSelect } from './EngineSelect';
import { lastProject } from './lastProject';
import { ProjectRepositoryPicker } from './ProjectRepositoryPicker';
import { picksFor, primaryAmong, sessionCreateInput, shownBranch } from './sessionDraft';
import type { RepositoryPick } from './sessionDraft';
import { useProjectBranches } from './useProjectBranches';

interface Errors {
  engine?: string;
  name?: string;
  branch?: string;
  /** A free branch name the server offered after a conflict. */
  suggestion?: string;
  repositories?: string;
  task?: string;
  form?: string;
}

/**
 * Creates a session: an empty sandbox, or one with a project's repositories checked out on a
 * new session branch. Errors show beside their field; the dialog stays open with what was typed.
 */
export function NewSessionDialog({ onClose }: { onClose(): void }) {
  const projects = useStore((s) => s.projects);
  const [projectId, setProjectId] = useState(() => lastProject.get() ?? '');
  const project = projects.find((p) => p.id === projectId);
  // Changes to the project's defaults, by repository id; the project itself may change meanwhile.
  const [overrides, setOverrides] = useState<Record<string, Partial<RepositoryPick>>>({});
  const picks = picksFor(project).map((p) => ({ ...p, ...overrides[p.id] }));
  const [chosenPrimary, setChosenPrimary] = useState<string | null>(null);
  const primary = primaryAmong(picks, chosenPrimary);
  const branches = useProjectBranches(project);
  const [name, setName] = useState('');
  const [typedBranch, setTypedBranch] = useState<string | null>(null);
  const branch = shownBranch(name, typedBranch);
  const [task, setTask] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const upsertSession = useStore((s) => s.upsertSession);
  const selectSession = useStore((s) => s.selectSession);
  const engines = useStore((s) => s.engines);
  const lastUsedEngine = useStore((s) => s.lastUsedEngine);
  const setLastUsedEngine = useStore((s) => s.setLastUsedEngine);
  const [chosenEngine, setChosenEngine] = useState<string | null>(null);
  // With one engine there is nothing to choose: the server takes the last used one.
  const choosesEngine = engines.length > 1;
  const engineId = chosenEngine ?? defaultEngineId(engines, lastUsedEngine);

  const ticked = picks.filter((p) => p.ticked);
  const withBranch = project !== undefined && ticked.length > 0;
  const liveBranchError = typedBranch !== null ? branchNameError(branch) : null;

  const chooseProject = (id: string): void => {
    setProjectId(id);
    setOverrides({});
    setChosenPrimary(null);
    setErrors({});
  };

  const check = (): Errors | null => {
    const engineError = choosesEngine ? engineChoiceError(engines, engineId) : null;
    if (engineError) return { engine: engineError };
    const nameError = sessionNameError(name);
    if (nameError) return { name: nameError };
    if (project && picks.length > 0 && ticked.length === 0) {
      return { repositories: 'Tick at least one repository, or choose “No project”.' };
    }
    const branchError = withBranch ? branchNameError(branch) : null;
    return branchError ? { branch: branchError } : null;
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const invalid = check();
    if (invalid) {
      setErrors(invalid);
      if (invalid.name) nameRef.current?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const input = sessionCreateInput({ name, project, picks, primary, branch, task });
      const session = await api().sessions.create({
        ...input,
        ...(choosesEngine && { engineId }),
      });
      lastProject.set(project?.id ?? null);
      setLastUsedEngine(session.engineId);
      upsertSession(session);
      selectSession(session.id);
      onClose();
    } catch (failure) {
      setErrors(placeError(failure));
      setBusy(false);
    }
  };

  return (
    <Modal label="New session" onClose={onClose} initialFocus={nameRef} size="medium">
      <form className="dialog-body" onSubmit={submit} noValidate>
        <h2 className="dialog-title">New session</h2>
        <p className="dialog-text">
          A session is one sandbox container with its own workspace. The first one builds the
          sandbox image, which can take a few minutes.
        </p>
        <Field label="Project">
          {(control) => (
            <select
              {...control}
              className="input select"
              value={project ? projectId : ''}
              onChange={(e) => chooseProject(e.target.value)}
            >
              <option value="">No project — an empty sandbox</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {choosesEngine && (
          <EngineSelect
            engines={engines}
            value={engineId}
            error={errors.engine ?? null}
            onChange={(id) => {
              setChosenEngine(id);
              if (errors.engine) setErrors({});
            }}
          />
        )}
        <Field label="Name" error={errors.name}>
          {(control) => (
            <input
              {...control}
              ref={nameRef}
              className="input"
              value={name}
              maxLength={200}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        {project && (
          <ProjectRepositoryPicker
            picks={picks}
            branches={branches}
            primary={primary}
            error={errors.repositories ?? null}
            onPick={(id, patch) =>
              setOverrides((all) => ({ ...all, [id]: { ...all[id], ...patch } }))
            }
            onPrimary={setChosenPrimary}
          />
        )}
        {withBranch && (
          <Field
            label="Branch"
            error={errors.branch ?? liveBranchError}
            note={
              errors.suggestion && (
                <button
                  type="button"
                  className="button small suggestion"
                  onClick={() => {
                    setTypedBranch(errors.suggestion ?? null);
                    setErrors({});
                  }}
                >
                  Use {errors.suggestion}
                </button>
              )
            }
          >
            {(control) => (
              <input
                {...control}
                className="input mono"
                value={branch}
                maxLength={200}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => {
                  setTypedBranch(e.target.value);
                  if (errors.branch) setErrors({});
                }}
              />
            )}
          </Field>
        )}
        <Field label="Task" error={errors.task}>
          {(control) => (
            <textarea
              {...control}
              className="input textarea"
              value={task}
              rows={3}
              placeholder="What should be done in this session? (optional)"
              onChange={(e) => setTask(e.target.value)}
            />
          )}
        </Field>
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** A server error beside the field it names; a branch conflict brings a free name to use. */
function placeError(failure: unknown): Errors {
  const { field, message } = fieldErrorOf(failure);
  if (field === 'name') return { name: message };
  if (field === 'task') return { task: message };
  if (field === 'branch') {
    const data = failure instanceof RpcError ? (failure.data as { suggestion?: unknown }) : {};
    const suggestion = typeof data.suggestion === 'string' ? data.suggestion : undefined;
    return { branch: message, ...(suggestion && { suggestion }) };
  }
  if (field === 'engineId') return { engine: message };
  if (field?.startsWith('repositories') || field === 'primaryRepository') {
    return { repositories: message };
  }
  return { form: message };
}
