import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret per start: 32 random bytes (256 bits), base64url so it sits in a URL as is. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison, so response timing does not leak how much of a guess was right. */
export function tokensEqual(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  // timingSafeEqual needs equal lengths; the length of a token is no secret (always 43).
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Cookies are not scoped by port, so two workbenches on 127.0.0.1 would overwrite one shared
 * cookie and log each other's tabs out; the port in the name keeps them apart.
 */
export function cookieName(port: number): string {
  return `berth_token_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The value of one cookie from a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
