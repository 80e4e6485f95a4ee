import type { StateCreator } from 'zustand';
import type { Project } from '../../../shared/contract/projects';
import type { Store } from './index';

export interface ProjectsSlice {
  /** Projects by name, kept in step by `projects.changed` and `projects.deleted`. */
  projects: Project[];
  projectsLoaded: boolean;
  setProjects(projects: Project[]): void;
  upsertProject(project: Project): void;
  removeProject(id: string): void;
}

function byName(a: Project, b: Project): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
}

export const createProjectsSlice: StateCreator<Store, [], [], ProjectsSlice> = (set) => ({
  projects: [],
  projectsLoaded: false,
  setProjects: (projects) => set({ projects: [...projects].sort(byName), projectsLoaded: true }),
  upsertProject: (project) =>
    set((s) => ({
      projects: [...s.projects.filter((p) => p.id !== project.id), project].sort(byName),
    })),
  removeProject: (id) => set((s) => ({ projects: s.projects.filter((p) => p.id !== id) })),
});
