const prefix = '#/session/';

/** The session id in a location hash like `#/session/<id>`, or null. */
export function sessionIdFromHash(hash: string): string | null {
  if (!hash.startsWith(prefix)) return null;
  const raw = hash.slice(prefix.length);
  if (raw.length === 0) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

export function hashForSession(id: string | null): string {
  return id === null ? '' : `${prefix}${encodeURIComponent(id)}`;
}
