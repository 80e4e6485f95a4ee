import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toolSpecs } from './toolSchemas';

describe('toolSpecs', () => {
  it('describes all nine tools with schemas that convert to JSON Schema', () => {
    expect(Object.keys(toolSpecs).sort()).toEqual([
      'ask_user',
      'edit',
      'finish',
      'list_files',
      'read_file',
      'run_command',
      'search',
      'update_plan',
      'write_file',
    ]);
    for (const [name, spec] of Object.entries(toolSpecs)) {
      expect(spec.description.length, name).toBeGreaterThan(40);
      const schema = z.toJSONSchema(spec.inputSchema) as { type: string; properties: object };
      expect(schema.type, name).toBe('object');
    }
    expect(toolSpecs.read_file.description).toMatch(/NOT part of the file/);
  });

  it('refuses what the tools cannot take, with a message naming the field', () => {
    const bad: [keyof typeof toolSpecs, unknown, string][] = [
      ['read_file', { path: 'a', limit: 5000 }, 'limit'],
      ['read_file', { file_path: 'a' }, 'path'],
      ['edit', { path: 'a', old_string: 'x', new_string: 'x' }, 'new_string'],
      ['edit', { path: 'a', old_string: '', new_string: 'x' }, 'old_string'],
      ['run_command', { command: 'ls', timeout_s: 601 }, 'timeout_s'],
      ['ask_user', { questions: [{ question: 'q', options: [{ label: 'a' }] }] }, 'options'],
      [
        'ask_user',
        { questions: [{ question: 'q', header: 'x'.repeat(21), options: [] }] },
        'header',
      ],
      [
        'update_plan',
        {
          plan: [
            { step: 'a', status: 'in_progress' },
            { step: 'b', status: 'in_progress' },
          ],
        },
        'plan',
      ],
      ['finish', { summary: 'ok', outcome: 'maybe' }, 'outcome'],
    ];
    for (const [tool, input, field] of bad) {
      const result = toolSpecs[tool].inputSchema.safeParse(input);
      expect(result.success, `${tool} ${JSON.stringify(input)}`).toBe(false);
      expect(JSON.stringify(result.error?.issues), tool).toContain(field);
    }
    expect(
      toolSpecs.run_command.inputSchema.safeParse({ command: 'ls', cwd: 'src', timeout_s: 600 })
        .success,
    ).toBe(true);
  });
});
