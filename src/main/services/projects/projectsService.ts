import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import {
  RpcError,
  type Project,
  type ProjectRepository,
  type ProjectsApi,
  type RepositoryInput,
  type projectsInput,
} from '../../../shared/contract';
import type { ProjectsTable } from '../../storage/projectsTable';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/settingsService';
import { inspectRepository, normalizeSource, sourceKey } from './repositoryInspector';

type Input<M extends keyof typeof projectsInput> = z.infer<(typeof projectsInput)[M]>;

const newId = (): string => randomBytes(6).toString('hex');

/** Projects: a name and its repositories, each checked before it is saved. */
export class ProjectsService implements ProjectsApi {
  constructor(
    private readonly deps: { table: ProjectsTable; settings: SettingsService; bus: EventBus },
  ) {}

  async list(_input: Input<'list'>): Promise<Project[]> {
    return this.deps.table.list();
  }

  async get({ id }: Input<'get'>): Promise<Project> {
    return this.require(id);
  }

  async create(input: Input<'create'>): Promise<Project> {
    this.checkName(input.name);
    const now = new Date().toISOString();
    const project: Project = {
      id: newId(),
      name: input.name,
      repositories: await this.checkRepositories(input.repositories, []),
      createdAt: now,
      updatedAt: now,
    };
    this.deps.table.save(project);
    this.deps.bus.emit('projects.changed', project);
    return project;
  }

  async update(input: Input<'update'>): Promise<Project> {
    const current = this.require(input.id);
    this.checkName(input.name, input.id);
    const project: Project = {
      ...current,
      name: input.name,
      repositories: await this.checkRepositories(input.repositories, current.repositories),
      updatedAt: new Date().toISOString(),
    };
    this.deps.table.save(project);
    this.deps.bus.emit('projects.changed', project);
    return project;
  }

  async delete({ id }: Input<'delete'>): Promise<void> {
    this.require(id);
    this.deps.table.delete(id);
    this.deps.bus.emit('projects.deleted', { id });
  }

  inspectRepository({ source }: Input<'inspectRepository'>) {
    return inspectRepository(source, this.deps.settings);
  }

  require(id: string): Project {
    const project = this.deps.table.get(id);
    if (!project) throw new RpcError('not_found', `No project with id "${id}".`);
    return project;
  }

  private checkName(name: string, exceptId?: string): void {
    const taken = this.deps.table.findByName(name);
    if (taken && taken.id !== exceptId) {
      throw new RpcError(
        'conflict',
        `A project named "${taken.name}" already exists. Pick another name.`,
        { field: 'name' },
      );
    }
  }

  /** Checks every repository in order; the first problem fails with the field it is in. */
  private async checkRepositories(
    inputs: RepositoryInput[],
    previous: ProjectRepository[],
  ): Promise<ProjectRepository[]> {
    if (inputs.length === 0) {
      throw new RpcError('invalid_input', 'Add at least one repository.', {
        field: 'repositories',
      });
    }
    const seenSources = new Map<string, number>();
    const seenNames = new Map<string, number>();
    const checked: ProjectRepository[] = [];
    for (const [index, input] of inputs.entries()) {
      const field = (name: string) => ({ field: `repositories.${index}.${name}` });
      const source = normalizeSource(input.source);
      const key = sourceKey(source);
      const twin = seenSources.get(key);
      if (twin !== undefined) {
        throw new RpcError(
          'conflict',
          `This is the same repository as repository ${twin + 1}.`,
          field('source'),
        );
      }
      seenSources.set(key, index);
      let inspection;
      try {
        inspection = await inspectRepository(source, this.deps.settings);
      } catch (error) {
        if (error instanceof RpcError)
          throw new RpcError(error.code, error.message, field('source'));
        throw error;
      }
      const name = input.name ?? inspection.name;
      const other = seenNames.get(name.toLowerCase());
      if (other !== undefined) {
        throw new RpcError(
          'conflict',
          `Repository ${other + 1} already uses the directory /workspace/${name}; give this one another directory name.`,
          field('name'),
        );
      }
      seenNames.set(name.toLowerCase(), index);
      const baseBranch = input.baseBranch ?? inspection.defaultBranch;
      if (baseBranch !== null && !inspection.branches.includes(baseBranch)) {
        const known =
          inspection.branches.length === 0
            ? 'it has no branches yet'
            : `its branches: ${inspection.branches.slice(0, 10).join(', ')}`;
        throw new RpcError(
          'invalid_input',
          `There is no branch "${baseBranch}" in this repository (${known}).`,
          field('baseBranch'),
        );
      }
      const kept = previous.find((p) => sourceKey(p.source) === key);
      checked.push({ id: kept?.id ?? newId(), name, source, baseBranch });
    }
    return checked;
  }
}
