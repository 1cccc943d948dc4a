// Stable error codes carried by the contract. Each failure has one code;
// docs/errors.md lists what each means and what to do about it.
export const ERROR_CODES = [
  'E_VALIDATION',
  'E_UNAUTHENTICATED',
  'E_FORBIDDEN',
  'E_NOT_FOUND',
  'E_CONFLICT',
  'E_RATE_LIMITED',
  'E_UNKNOWN_CHANNEL',
  'E_BAD_FRAME',
  'E_UNAVAILABLE',
  'E_INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractErrorShape {
  code: ErrorCode;
  message: string;
  /** Per-field messages for E_VALIDATION, keyed by dotted path. */
  fields?: Record<string, string>;
}

/** An error that crosses the contract: a stable code and words a person can read. */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'ContractError';
    this.code = code;
    this.fields = fields;
  }

  toShape(): ContractErrorShape {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}
