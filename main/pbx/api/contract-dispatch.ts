import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type ChannelOutput, type ChannelParsedInput } from '../../../shared/contract';
import { ContractError } from '../../../shared/errors';
import type { CallResult } from '../../../shared/transport';
import type { Logger } from '../logger';

export interface Caller {
  username: string;
  role: 'admin' | 'user';
  /** Where the call came from, for logs: "ipc" or the browser's address. */
  origin: string;
}

export type ChannelHandlers = {
  [C in ChannelName]: (input: ChannelParsedInput<C>, caller: Caller) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

function fieldMessages(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '(input)';
    fields[path] ??= issue.message;
  }
  return fields;
}

/**
 * The one entry point of the contract inside main: checks the channel, the
 * caller's access and the input, runs the handler, and turns every outcome
 * into a CallResult with a stable error code.
 */
export function createDispatcher(handlers: ChannelHandlers, logger: Logger) {
  return async function dispatch(channel: string, rawInput: unknown, caller: Caller): Promise<CallResult> {
    try {
      if (!isChannelName(channel)) throw new ContractError('E_UNKNOWN_CHANNEL', `There is no channel named "${channel.slice(0, 64)}".`);
      const spec = channels[channel];
      if (spec.access === 'admin' && caller.role !== 'admin') {
        throw new ContractError('E_FORBIDDEN', 'Only an administrator can do this.');
      }
      const parsed = spec.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        const fields = fieldMessages(parsed.error);
        throw new ContractError('E_VALIDATION', Object.values(fields)[0] ?? 'The request is not valid.', fields);
      }
      const handler = handlers[channel] as (input: unknown, caller: Caller) => unknown;
      return { ok: true, out: await handler(parsed.data, caller) };
    } catch (error) {
      if (error instanceof ContractError) return { ok: false, err: error.toShape() };
      logger.error({ err: error, channel, origin: caller.origin }, 'contract handler failed');
      return { ok: false, err: { code: 'E_INTERNAL', message: 'The engine could not do this. The details are in its log.' } };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
