/**
 * The values of a git config file's text, read by hand (the machine may have no git CLI): keys
 * as git names them, `section.key` or `section.subsection.key`, section and key in lower case
 * (git compares them so), the subsection as written; the last value of a key wins. Comments and
 * a value's surrounding quotes are dropped.
 */
export function gitConfigValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  let section: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]\s"]+)(?:\s+"([^"]*)")?\s*\]/.exec(line);
    if (header) {
      const name = header[1]!.toLowerCase();
      section = header[2] === undefined ? name : `${name}.${header[2]}`;
      continue;
    }
    if (section === null) continue;
    const entry = /^([A-Za-z][\w-]*)\s*=\s*(.*)$/.exec(line);
    if (!entry) continue;
    let value = entry[2]!.replace(/\s[#;].*$/, '').trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    values.set(`${section}.${entry[1]!.toLowerCase()}`, value);
  }
  return values;
}
