import { z } from 'zod';

/**
 * A dial pattern in the Asterisk/FreePBX style: `prefix|pattern`, where the
 * prefix (before |) must be dialled and is stripped; X = 0–9, Z = 1–9,
 * N = 2–9, [1-5] a set, `.` one or more of anything, `!` zero or more.
 * Examples: `9|NXXNXXXXXX` (US national after a 9), `00.` (international).
 */
export const dialPatternSchema = z
  .string()
  .trim()
  .regex(/^([0-9*#+]*\|)?([0-9*#+XZNxzn.!]|\[[0-9-]+\])+$/, 'Use digits, X, Z, N, [1-5], . or !, with an optional prefix before |.');

export const outboundRouteSchema = z.object({
  name: z.string().trim().min(1, 'Give the route a name.').max(64, 'Keep the name to 64 characters or fewer.'),
  enabled: z.boolean(),
  /** The route applies when the dialled number matches one of these. */
  patterns: z.array(dialPatternSchema).min(1),
  /** Digits to put in front after the prefix is stripped (before normalisation). */
  prepend: z.string().regex(/^[0-9+*#]*$/, 'Use digits, +, * or # only.').max(16, 'Prepend at most 16 characters.'),
  /** Trunks to try, in order: the next when one fails (5xx, 408, timeout, 503). */
  trunks: z.array(z.string()).min(1, 'Choose at least one trunk.'),
  /** Caller ID on this route (E.164), unless the extension has its own. */
  callerId: z.string().regex(/^\+[1-9]\d{6,14}$/, 'Use an E.164 number such as +14155550100.').optional(),
});
export type OutboundRoute = z.infer<typeof outboundRouteSchema>;

export const inboundDestinationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('extension'), number: z.string() }),
  z.object({ type: z.literal('reject'), status: z.number().int().min(400).max(699) }),
]);
export type InboundDestination = z.infer<typeof inboundDestinationSchema>;

export const inboundRouteSchema = z.object({
  /** The called number as the provider sends it, normalised to E.164; or "*" for the default route. */
  did: z.string().regex(/^(\+[1-9]\d{3,14}|\*)$/, 'Use an E.164 number such as +14155550100, or * for every other number.'),
  /** Only calls from this trunk; absent = from any trunk. */
  trunk: z.string().optional(),
  destination: inboundDestinationSchema,
});
export type InboundRoute = z.infer<typeof inboundRouteSchema>;

/** Dialling policy that is not per route. */
export const dialPolicySchema = z.object({
  /** Countries (ISO 3166 alpha-2) people may call abroad; everything abroad is denied unless listed. */
  internationalAllowList: z.array(z.string().regex(/^[A-Z]{2}$/)),
  /** Extensions that may call any country (an operator, the boss). */
  internationalExtensions: z.array(z.string()),
});
export type DialPolicy = z.infer<typeof dialPolicySchema>;

/** The answer of simulate(from, dialled): what a call would do, and why, in words. */
export const routeDecisionSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('extension'), number: z.string(), explanation: z.string() }),
  z.object({
    outcome: z.literal('trunk'),
    route: z.string(),
    trunks: z.array(z.string()),
    /** The number as sent to the provider (after strip/prepend, E.164). */
    number: z.string(),
    callerId: z.string().nullable(),
    emergency: z.boolean(),
    explanation: z.string(),
  }),
  z.object({ outcome: z.literal('denied'), status: z.number(), explanation: z.string() }),
]);
export type RouteDecision = z.infer<typeof routeDecisionSchema>;
