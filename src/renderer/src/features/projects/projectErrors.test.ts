import { describe, expect, it } from 'vitest';
import { clearRowError, placeProjectError } from './projectErrors';

describe('placeProjectError', () => {
  const sent = ['r1', 'r3'];

  it('puts a name error beside the project name', () => {
    expect(placeProjectError({ field: 'name', message: 'Taken.' }, sent)).toEqual({
      rows: {},
      name: 'Taken.',
    });
  });

  it('finds the row on screen from the index among the rows sent', () => {
    expect(
      placeProjectError({ field: 'repositories.1.source', message: 'Not a repo.' }, sent),
    ).toEqual({ rows: { r3: { source: 'Not a repo.' } } });
    expect(
      placeProjectError({ field: 'repositories.0.baseBranch', message: 'No such branch.' }, sent),
    ).toEqual({ rows: { r1: { baseBranch: 'No such branch.' } } });
  });

  it('keeps list-wide and unplaced errors apart', () => {
    expect(placeProjectError({ field: 'repositories', message: 'Too many.' }, sent)).toEqual({
      rows: {},
      repositories: 'Too many.',
    });
    expect(placeProjectError({ field: 'repositories.7.name', message: 'x' }, sent)).toEqual({
      rows: {},
      repositories: 'x',
    });
    expect(placeProjectError({ field: null, message: 'Lost.' }, sent)).toEqual({
      rows: {},
      form: 'Lost.',
    });
  });
});

describe('clearRowError', () => {
  it('drops only the field that changed', () => {
    const errors = { rows: { r1: { source: 'a', name: 'b' } } };
    expect(clearRowError(errors, 'r1', 'source')).toEqual({ rows: { r1: { name: 'b' } } });
    expect(clearRowError(errors, 'r2', 'source')).toBe(errors);
  });
});
