import { ContractError } from '../../../shared/errors';

export interface ErrorDetails {
  message: string;
  /** Per-field messages (E_VALIDATION, E_CONFLICT), keyed by input name. */
  fields: Record<string, string>;
}

/** What a form shows for a failed call: one message, and a message at each named field. */
export function errorDetails(error: unknown): ErrorDetails {
  if (error instanceof ContractError) return { message: error.message, fields: error.fields ?? {} };
  return { message: error instanceof Error ? error.message : String(error), fields: {} };
}
