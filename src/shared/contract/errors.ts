/**
 * Errors cross the contract as `{ code, message, data? }` with one of a small fixed set of codes,
 * so every shell can show them the same way and tests can assert on the code.
 */
export const errorCodes = [
  'invalid_input',
  'not_found',
  'conflict',
  'unavailable',
  'permission_denied',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface RpcErrorShape {
  code: ErrorCode;
  message: string;
  data?: unknown;
}

/** The one error type services throw and clients receive. */
export class RpcError extends Error implements RpcErrorShape {
  readonly code: ErrorCode;
  readonly data?: unknown;

  constructor(code: ErrorCode, message: string, data?: unknown) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    if (data !== undefined) this.data = data;
  }

  toJSON(): RpcErrorShape {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
