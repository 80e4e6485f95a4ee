import { useEffect, useRef, useState } from 'react';
import type { Project } from '../../../../shared/contract/projects';
import { errorMessage } from '../../lib/errorMessage';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';

interface DeleteProjectConfirmProps {
  project: Project;
  onKeep(): void;
  onDeleted(): void;
}

/** The project dialog's last step before deleting: what happens, and a way back. */
export function DeleteProjectConfirm({ project, onKeep, onDeleted }: DeleteProjectConfirmProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const removeProject = useStore((s) => s.removeProject);

  useEffect(() => keepRef.current?.focus(), []);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api().projects.delete({ id: project.id });
      removeProject(project.id);
      onDeleted();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <div className="confirm-strip" role="group" aria-label="Confirm deleting the project">
      <p>
        Delete “{project.name}”? Its sessions keep their repositories and go on working. This cannot
        be undone.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button ref={keepRef} type="button" className="button" onClick={onKeep}>
          Keep project
        </button>
        <button type="button" className="button danger" onClick={confirm} disabled={busy}>
          {busy ? 'Deleting…' : 'Delete'}
        </button>
      </div>
    </div>
  );
}
