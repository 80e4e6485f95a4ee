import * as fs from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

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
  const found: { name?: string; email?: string } = {};
  let inUser = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[([^\]\s"]+)(?:\s+"[^"]*")?\]/.exec(line);
    if (section) {
      inUser = section[1]!.toLowerCase() === 'user';
      continue;
    }
    if (!inUser) continue;
    const entry = /^(name|email)\s*=\s*(.*)$/i.exec(line);
    if (!entry) continue;
    let value = entry[2]!.replace(/\s[#;].*$/, '').trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (value !== '') found[entry[1]!.toLowerCase() as 'name' | 'email'] = value;
  }
  return found;
}
