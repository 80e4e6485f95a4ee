import { useState } from 'react';
import { useStore } from '../../store';
import { ProjectDialog } from './ProjectDialog';

/**
 * The sidebar's projects: "New project" and one button per project, which opens it for editing.
 * Which dialog is open is kept by id, so an edit follows the project's live version.
 */
export function ProjectsSection() {
  const projects = useStore((s) => s.projects);
  const loaded = useStore((s) => s.projectsLoaded);
  const [open, setOpen] = useState<{ kind: 'new' } | { kind: 'edit'; id: string } | null>(null);
  const editing = open?.kind === 'edit' ? projects.find((p) => p.id === open.id) : undefined;
  const close = (): void => setOpen(null);

  return (
    <>
      <div className="sidebar-section">
        <span className="section-title">Projects</span>
        <button type="button" className="button small" onClick={() => setOpen({ kind: 'new' })}>
          New project
        </button>
      </div>
      <nav className="project-list" aria-label="Projects">
        {loaded && projects.length === 0 && (
          <p className="muted small-print">No projects yet: a project names its repositories.</p>
        )}
        <ul>
          {projects.map((project) => {
            const count = project.repositories.length;
            return (
              <li key={project.id}>
                <button
                  type="button"
                  className="project-item"
                  title={project.name}
                  onClick={() => setOpen({ kind: 'edit', id: project.id })}
                >
                  <span className="project-name">{project.name}</span>
                  <span className="project-count">
                    {count} {count === 1 ? 'repository' : 'repositories'}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      {open?.kind === 'new' && <ProjectDialog onClose={close} />}
      {editing && <ProjectDialog key={editing.id} project={editing} onClose={close} />}
    </>
  );
}
