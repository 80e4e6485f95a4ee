import { describe, expect, it } from 'vitest';
import {
  draftFromRepository,
  emptyDraft,
  repositoryField,
  repositoryInputs,
  sourceOf,
  withInspection,
  withInspectionError,
} from './repositoryDraft';

describe('sourceOf', () => {
  it('reads http(s) as a clone URL and anything else as a path', () => {
    expect(sourceOf(' https://github.com/acme/widgets.git ')).toEqual({
      kind: 'url',
      url: 'https://github.com/acme/widgets.git',
    });
    expect(sourceOf('HTTP://host/repo')).toEqual({ kind: 'url', url: 'HTTP://host/repo' });
    expect(sourceOf('/home/me/src/widgets')).toEqual({
      kind: 'path',
      path: '/home/me/src/widgets',
    });
    expect(sourceOf('git@github.com:acme/widgets.git').kind).toBe('path');
  });
});

describe('withInspection', () => {
  const inspection = {
    name: 'widgets',
    branches: ['main', 'develop'],
    defaultBranch: 'main',
    warnings: ['Uses submodules.'],
  };

  it('picks the default branch and the suggested directory name', () => {
    const draft = withInspection({ ...emptyDraft(), location: '/w', inspecting: true }, inspection);
    expect(draft).toMatchObject({
      baseBranch: 'main',
      name: 'widgets',
      branches: ['main', 'develop'],
      warnings: ['Uses submodules.'],
      inspecting: false,
    });
  });

  it('keeps a chosen branch that still exists and a directory name the user typed', () => {
    const draft = withInspection(
      { ...emptyDraft(), baseBranch: 'develop', name: 'w2', nameEdited: true },
      inspection,
    );
    expect(draft.baseBranch).toBe('develop');
    expect(draft.name).toBe('w2');
  });

  it('has no base branch for an empty repository', () => {
    const draft = withInspection(emptyDraft(), {
      name: 'new',
      branches: [],
      defaultBranch: null,
      warnings: [],
    });
    expect(draft.baseBranch).toBeNull();
    expect(draft.branches).toEqual([]);
  });
});

describe('withInspectionError', () => {
  it('hides the branches of a new row, since they belonged to another place', () => {
    const draft = { ...emptyDraft(), location: '/nope', branches: ['main'], inspecting: true };
    expect(withInspectionError(draft, 'Not a git repository.')).toMatchObject({
      error: 'Not a git repository.',
      branches: null,
      inspecting: false,
    });
  });

  it('keeps what is known of a saved repository at its saved place', () => {
    const saved = draftFromRepository({
      id: 'r1',
      name: 'widgets',
      source: { kind: 'path', path: '/gone' },
      baseBranch: 'main',
    });
    expect(withInspectionError(saved, 'Gone.').branches).toEqual(['main']);
  });
});

describe('repositoryInputs', () => {
  it('drops empty rows and keeps each input beside its row key', () => {
    const a = { ...emptyDraft(), location: '/a', name: 'a', baseBranch: 'main' };
    const empty = emptyDraft();
    const b = { ...emptyDraft(), location: 'https://h/b.git' };
    const inputs = repositoryInputs([a, empty, b]);
    expect(inputs.map((i) => i.key)).toEqual([a.key, b.key]);
    expect(inputs[0]?.input).toEqual({
      source: { kind: 'path', path: '/a' },
      name: 'a',
      baseBranch: 'main',
    });
    expect(inputs[1]?.input).toEqual({ source: { kind: 'url', url: 'https://h/b.git' } });
  });
});

describe('draftFromRepository', () => {
  it('shows a saved repository with its own base branch', () => {
    const draft = draftFromRepository({
      id: 'r1',
      name: 'widgets',
      source: { kind: 'url', url: 'https://h/widgets.git' },
      baseBranch: 'main',
    });
    expect(draft).toMatchObject({
      location: 'https://h/widgets.git',
      name: 'widgets',
      baseBranch: 'main',
      branches: ['main'],
    });
  });
});

describe('repositoryField', () => {
  it('finds the row and the part a server error names', () => {
    expect(repositoryField('repositories.1.source')).toEqual({ index: 1, part: 'source' });
    expect(repositoryField('repositories.0.baseBranch')).toEqual({ index: 0, part: 'baseBranch' });
    expect(repositoryField('repositories.2.source.url')).toEqual({ index: 2, part: 'source' });
    expect(repositoryField('repositories')).toBeNull();
    expect(repositoryField('name')).toBeNull();
  });
});
