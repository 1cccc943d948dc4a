import { z } from 'zod';

export const DISPOSITIONS = ['answered', 'busy', 'no-answer', 'cancelled', 'declined', 'unavailable', 'not-found', 'failed'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

const legStatsSchema = z.object({ packetsSent: z.number(), packetsReceived: z.number(), packetsLost: z.number() });

export const callRecordSchema = z.object({
  id: z.number(),
  callId: z.string(),
  caller: z.string(),
  callerName: z.string(),
  callee: z.string(),
  startedAt: z.number(),
  answeredAt: z.number().nullable(),
  endedAt: z.number(),
  /** Talk time: from answer to hang-up; 0 when never answered. */
  durationMs: z.number(),
  disposition: z.enum(DISPOSITIONS),
  /** What ended it, in words: "caller hung up", "486 Busy Here", "no media for 60 s"... */
  hangupCause: z.string(),
  hangupSide: z.enum(['caller', 'callee', 'system']),
  codec: z.string().nullable(),
  callerLeg: legStatsSchema,
  calleeLeg: legStatsSchema,
});
export type CallRecord = z.infer<typeof callRecordSchema>;

export const callHistoryQuerySchema = z
  .object({
    limit: z.number().int().min(1).max(500).default(50),
    /** Records older than this id (for paging). */
    before: z.number().int().positive().optional(),
    /** Only calls from or to this extension. */
    extension: z.string().max(32).optional(),
  })
  .strict();

export const activeCallSchema = z.object({
  id: z.string(),
  caller: z.string(),
  callee: z.string(),
  state: z.enum(['ringing', 'early', 'answered', 'ending']),
  startedAt: z.number(),
  answeredAt: z.number().nullable(),
  codec: z.string().nullable(),
});
export type ActiveCall = z.infer<typeof activeCallSchema>;
