import { z, type ZodType } from 'zod';
import type { ToolName } from '../../../../shared/contract';

/**
 * The numbers the tools work to. Read, search and write limits are vibe's (read.py, grep.py,
 * write_file.py); the command timeout is vibe's 300 s default with a 600 s ceiling.
 */
export const toolLimits = {
  readLines: 2000,
  readBytes: 50 * 1024,
  listResults: 200,
  listMaxResults: 1000,
  searchMatches: 100,
  searchMaxMatches: 500,
  searchOutputBytes: 64 * 1024,
  searchTimeoutS: 60,
  writeBytes: 64_000,
  commandTimeoutS: 300,
  commandMaxTimeoutS: 600,
} as const;

const path = (what: string) => z.string().min(1).describe(what);

export const readFileInput = z
  .object({
    path: path('File to read: relative to the repository, or absolute under /workspace.'),
    offset: z.int().min(1).optional().describe('First line to read, 1-based. Default 1.'),
    limit: z
      .int()
      .min(1)
      .max(toolLimits.readLines)
      .optional()
      .describe(`How many lines to read. Default and maximum ${toolLimits.readLines}.`),
  })
  .strict();

export const listFilesInput = z
  .object({
    pattern: z
      .string()
      .min(1)
      .describe(
        'Glob relative to `path`: `**/*.ts` for every .ts file, `src/**/*.test.ts`, `*.md` (top level only).',
      ),
    path: path('Directory to list from. Default: the repository.').optional(),
    max_results: z
      .int()
      .min(1)
      .max(toolLimits.listMaxResults)
      .optional()
      .describe(`Most paths to return. Default ${toolLimits.listResults}.`),
  })
  .strict();

export const searchInput = z
  .object({
    pattern: z
      .string()
      .min(1)
      .describe('Extended regular expression (grep -E), e.g. `function\\s+load` or `TODO|FIXME`.'),
    path: path('Directory or file to search. Default: the repository.').optional(),
    glob: z
      .string()
      .min(1)
      .optional()
      .describe('Only files matching this glob: `*.ts` (any depth) or `src/**/*.py`.'),
    ignore_case: z.boolean().optional().describe('Case-insensitive match. Default false.'),
    max_matches: z
      .int()
      .min(1)
      .max(toolLimits.searchMaxMatches)
      .optional()
      .describe(`Most matching lines to return. Default ${toolLimits.searchMatches}.`),
  })
  .strict();

export const editInput = z
  .object({
    path: path('File to edit: relative to the repository, or absolute under /workspace.'),
    old_string: z
      .string()
      .min(1)
      .describe(
        'Exact text to replace, including whitespace and indentation, without the line-number prefix of read_file. Must occur exactly once unless replace_all is set.',
      ),
    new_string: z.string().describe('Text to put in its place (different from old_string).'),
    replace_all: z
      .boolean()
      .optional()
      .describe('Replace every occurrence of old_string. Default false.'),
  })
  .strict()
  .refine((input) => input.old_string !== input.new_string, {
    message: 'new_string must differ from old_string',
    path: ['new_string'],
  });

export const writeFileInput = z
  .object({
    path: path('File to create: relative to the repository, or absolute under /workspace.'),
    content: z.string().describe(`The whole content, at most ${toolLimits.writeBytes} bytes.`),
  })
  .strict();

export const runCommandInput = z
  .object({
    command: z.string().min(1).describe('Bash command line, run with `bash -lc`.'),
    cwd: path('Working directory. Default: the repository.').optional(),
    timeout_s: z
      .int()
      .min(1)
      .max(toolLimits.commandMaxTimeoutS)
      .optional()
      .describe(
        `Seconds before the command is killed. Default ${toolLimits.commandTimeoutS}, maximum ${toolLimits.commandMaxTimeoutS}.`,
      ),
    description: z
      .string()
      .max(120)
      .optional()
      .describe('What the command does, in a few words, for the user.'),
  })
  .strict();

export const askUserInput = z
  .object({
    questions: z
      .array(
        z
          .object({
            question: z.string().min(1).describe('The question, one sentence.'),
            header: z.string().max(20).optional().describe('A short label, at most 20 characters.'),
            options: z
              .array(
                z
                  .object({
                    label: z.string().min(1).max(80).describe('The choice, 1–5 words.'),
                    description: z.string().optional().describe('What choosing it means.'),
                  })
                  .strict(),
              )
              .min(2)
              .max(4),
            multi_select: z.boolean().optional().describe('Several options may be chosen.'),
          })
          .strict(),
      )
      .min(1)
      .max(4),
  })
  .strict();

export const updatePlanInput = z
  .object({
    explanation: z.string().optional().describe('Why the plan changed, in a sentence.'),
    plan: z
      .array(
        z
          .object({
            step: z.string().min(1),
            status: z.enum(['pending', 'in_progress', 'completed']),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .refine((input) => input.plan.filter((s) => s.status === 'in_progress').length <= 1, {
    message: 'at most one step can be in_progress',
    path: ['plan'],
  });

export const finishInput = z
  .object({
    summary: z.string().min(1).describe('What was done and what is left, for the user.'),
    outcome: z
      .enum(['done', 'blocked', 'needs_input'])
      .describe('done: the task is complete; blocked: it cannot go on; needs_input: a decision.'),
  })
  .strict();

export type ReadFileInput = z.infer<typeof readFileInput>;
export type ListFilesInput = z.infer<typeof listFilesInput>;
export type SearchInput = z.infer<typeof searchInput>;
export type EditInput = z.infer<typeof editInput>;
export type WriteFileInput = z.infer<typeof writeFileInput>;
export type RunCommandInput = z.infer<typeof runCommandInput>;
export type AskUserInput = z.infer<typeof askUserInput>;
export type UpdatePlanInput = z.infer<typeof updatePlanInput>;
export type FinishInput = z.infer<typeof finishInput>;

export interface ToolSpec {
  /** What the model reads about the tool. */
  description: string;
  inputSchema: ZodType;
}

/** The model-facing definition of every tool. */
export const toolSpecs: Record<ToolName, ToolSpec> = {
  read_file: {
    description: `Read a text file. Lines come numbered as \`     7\\tcode\`: the number and the tab are NOT part of the file; never copy them into edit. At most ${toolLimits.readLines} lines or 50 KiB per call; use offset and limit for the rest of a long file. Read a file before you edit it.`,
    inputSchema: readFileInput,
  },
  list_files: {
    description: `Find files by glob, e.g. \`src/**/*.ts\`. Respects .gitignore; skips node_modules, .git, dist, build. Returns paths relative to the repository (absolute outside it), sorted, at most ${toolLimits.listResults} unless max_results says more.`,
    inputSchema: listFilesInput,
  },
  search: {
    description: `Search file contents with an extended regular expression (grep -E syntax: \`|\`, \`+\`, \`\\s\`; no lookaround). Returns \`path:line: text\` for each matching line, at most ${toolLimits.searchMatches} matches. Respects .gitignore and skips binary files. Use glob to narrow by file name.`,
    inputSchema: searchInput,
  },
  edit: {
    description:
      'Replace text in an existing file. old_string must match the file exactly (whitespace and indentation included, no line-number prefix) and occur exactly once; add surrounding lines to make it unique, or set replace_all. You must read_file the file first in this session, and again if it changed since (a command, a formatter). Line endings follow the file.',
    inputSchema: editInput,
  },
  write_file: {
    description: `Create a new file with the given content (parent directories are created). Fails if the file exists: change existing files with edit. At most ${toolLimits.writeBytes} bytes.`,
    inputSchema: writeFileInput,
  },
  run_command: {
    description: `Run a bash command in the sandbox (\`bash -lc\`, no stdin, no TTY: use non-interactive flags). Returns the exit code and stdout and stderr interleaved; long output keeps its first and last 128 lines. A non-zero exit is a result, not a failure of the tool. Killed after timeout_s seconds (default ${toolLimits.commandTimeoutS}, exit 124). Do not start servers that never exit unless you put them in the background with output to a file.`,
    inputSchema: runCommandInput,
  },
  ask_user: {
    description:
      'Ask the user 1–4 questions, each with 2–4 options; the user can also write their own answer. Ask only when you cannot decide from the code or the task, and wait for the answer.',
    inputSchema: askUserInput,
  },
  update_plan: {
    description:
      'Replace your plan for the task: each step pending, in_progress (at most one) or completed. Update it as you go, for tasks with several steps.',
    inputSchema: updatePlanInput,
  },
  finish: {
    description:
      'End your turn: summarise what you did and what is left. outcome done when the task is complete, blocked when you cannot go on, needs_input when the user must decide something.',
    inputSchema: finishInput,
  },
};
