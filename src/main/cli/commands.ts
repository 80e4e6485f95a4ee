import type { Command } from './command';
import { serveCommand } from './serve';

/** Every `berth` subcommand by name. The TUI and `&` prompts join here as they are built. */
export const commands: Record<string, Command> = {
  serve: serveCommand,
};
