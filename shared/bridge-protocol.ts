// Frames of the WebSocket bridge that carries the contract to browsers.
import { z } from 'zod';
import { ERROR_CODES } from './errors';

export const BRIDGE_PATH = '/api/bridge';

export const requestFrameSchema = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  ch: z.string().max(64),
  in: z.unknown(),
});
export type RequestFrame = z.infer<typeof requestFrameSchema>;

const errorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});

export const serverFrameSchema = z.union([
  z.object({ t: z.literal('res'), id: z.number(), ok: z.literal(true), out: z.unknown() }),
  z.object({ t: z.literal('res'), id: z.number(), ok: z.literal(false), err: errorSchema }),
  z.object({ t: z.literal('evt'), ev: z.string(), data: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
