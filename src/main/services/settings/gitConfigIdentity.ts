import * as fs from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { gitConfigValues } from '../git/gitConfigText';

/**
 * `user.name` and `user.email` from the user's global git config (~/.gitconfig, then
 * $XDG_CONFIG_HOME/git/config), read by hand: the machine may have no git CLI.
 */
export function readGitConfigIdentity(home = homedir()): { name?: string; email?: string } {
  const xdg = process.env.XDG_CONFIG_HOME ?? join(home, '.config');
  const identity: { name?: string; email?: string } = {};
  // git reads the XDG file first and ~/.gitconfig after it, so the latter wins.
  for (const file of [join(xdg, 'git', 'config'), join(home, '.gitconfig')]) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    Object.assign(identity, parseUserSection(text));
  }
  return identity;
}

/** The [user] section's name and email of one git config file. */
export function parseUserSection(text: string): { name?: string; email?: string } {
  const values = gitConfigValues(text);
  const found: { name?: string; email?: string } = {};
  const name = values.get('user.name');
  const email = values.get('user.email');
  if (name) found.name = name;
  if (email) found.email = email;
  return found;
}
