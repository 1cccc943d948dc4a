import { z } from 'zod';
import { ContractError } from '../../shared/errors';

/**
 * `value` checked against one of the contract's schemas, so the CLI refuses
 * what the UI refuses, in the same words; problems become a ContractError
 * with one message per field.
 */
export function parsedOrRefused<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { formErrors, fieldErrors } = z.flattenError(parsed.error);
  const fields: Record<string, string> = {};
  for (const [key, messages] of Object.entries(fieldErrors as Record<string, string[] | undefined>)) if (messages?.[0]) fields[key] = messages[0];
  throw new ContractError('E_VALIDATION', formErrors[0] ?? Object.values(fields)[0] ?? 'Not valid.', fields);
}

/**
 * Runs a command's work; a ContractError (a refusal the engine would give the
 * UI too) is printed, a validation error with each field's problem on its own
 * line, and gives exit code 1. Anything else is a real failure and propagates.
 */
export async function reportingContractErrors(work: () => Promise<number> | number): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    const fields = Object.entries(error.fields ?? {});
    if (error.code !== 'E_VALIDATION' || fields.length === 0) {
      console.error(error.message);
      return 1;
    }
    console.error('Not saved:');
    for (const [field, message] of fields) console.error(`  ${field}: ${message}`);
    return 1;
  }
}
