import { z } from 'zod';

/** How a provider knows it is us: a username and password (digest), or our IP address. */
export const AUTH_TYPES = ['credential', 'ip'] as const;
export const TRUNK_TRANSPORTS = ['udp', 'tcp', 'tls'] as const;
/** Where the caller's number goes on calls out: From user, P-Asserted-Identity (RFC 3325), Remote-Party-ID. */
export const CALLER_ID_MODES = ['from', 'pai', 'rpid'] as const;
/** RFC 4733 events in RTP, SIP INFO, or in the audio itself. */
export const DTMF_MODES = ['rfc4733', 'info', 'inband'] as const;

export const trunkNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'Use 1–32 lower-case letters, digits, dashes or underscores, starting with a letter or digit.');

/** A host name or IP address, never a URL. */
export const hostSchema = z
  .string()
  .trim()
  .min(1, 'Enter the server address.')
  .max(253)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:.]+|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)$/, 'Enter a host name or IP address, without sip: or a port.');

/** A trunk as stored and used. The password never leaves the engine (the contract shows only whether one is set). */
export const trunkSchema = z.object({
  name: trunkNameSchema,
  template: z.string(),
  displayName: z.string().trim().max(64),
  enabled: z.boolean(),
  authType: z.enum(AUTH_TYPES),
  server: hostSchema,
  port: z.number().int('Use a whole number.').min(1, 'Use a port from 1 to 65535.').max(65535, 'Use a port from 1 to 65535.'),
  transport: z.enum(TRUNK_TRANSPORTS),
  username: z.string().max(128).optional(),
  /** Digest username when it differs from username (some providers). */
  authUsername: z.string().max(128).optional(),
  password: z.string().max(256).optional(),
  /** Overrides for our From header on calls out: user and domain. */
  fromUser: z.string().max(128).optional(),
  fromDomain: z.string().max(253).optional(),
  register: z.boolean(),
  registrationExpires: z.number().int('Use whole seconds.').min(60, 'Register for at least 60 seconds.').max(86_400, 'Register for at most a day (86400 seconds).'),
  codecs: z.array(z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'Use codec names such as PCMU, PCMA, G722 or opus.')).min(1, 'Allow at least one codec.'),
  dtmfMode: z.enum(DTMF_MODES),
  callerIdMode: z.enum(CALLER_ID_MODES),
  /** The number shown on calls out when the route and extension set none (E.164). */
  outboundCallerId: z.string().regex(/^\+[1-9]\d{6,14}$/, 'Use an E.164 number such as +14155550100.').optional(),
  /** For IP-authenticated trunks: the provider's signalling addresses or CIDR ranges we accept calls from. */
  inboundAddresses: z.array(z.string()).max(64),
  /** Send OPTIONS now and then and show whether the provider answers. */
  qualify: z.boolean(),
  qualifyIntervalSeconds: z.number().int('Use whole seconds.').min(10, 'Check at most every 10 seconds.').max(3600, 'Check at least once an hour.'),
  /** Calls at once through this trunk; 0 = no limit. */
  maxChannels: z.number().int('Use a whole number.').min(0, 'Use 0 for no limit, or a positive number.').max(10_000, 'At most 10000 calls at once.'),
});
export type Trunk = z.infer<typeof trunkSchema>;

/** What the contract shows of a trunk: everything but the password. */
export const trunkViewSchema = trunkSchema.omit({ password: true }).extend({ hasPassword: z.boolean() });
export type TrunkView = z.infer<typeof trunkViewSchema>;

export const TRUNK_STATES = ['disabled', 'registering', 'registered', 'failed', 'reachable', 'unreachable', 'unknown'] as const;

/** Live state of a trunk, pushed as it changes. */
export const trunkStatusSchema = z.object({
  name: z.string(),
  state: z.enum(TRUNK_STATES),
  /** In words, for people: "registered until 14:05", "wrong username or password (403)", "no answer from sip.example.com". */
  detail: z.string(),
  lastResponse: z.string().nullable(),
  registeredUntil: z.number().nullable(),
  nextAttemptAt: z.number().nullable(),
  /** Round trip of the last OPTIONS, ms. */
  latencyMs: z.number().nullable(),
  updatedAt: z.number(),
});
export type TrunkStatus = z.infer<typeof trunkStatusSchema>;

/** One field a template asks for, in the words shown to people. */
export const templateFieldSchema = z.object({
  key: z.enum(['server', 'port', 'transport', 'username', 'authUsername', 'password', 'fromUser', 'fromDomain', 'outboundCallerId', 'inboundAddresses']),
  label: z.string(),
  help: z.string(),
  required: z.boolean(),
  secret: z.boolean(),
});

/** A provider's facts as data (../shared/seeds/002 for what such templates hold). */
export const providerTemplateSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  authType: z.enum(AUTH_TYPES),
  defaults: trunkSchema.pick({
    server: true,
    port: true,
    transport: true,
    register: true,
    registrationExpires: true,
    codecs: true,
    dtmfMode: true,
    callerIdMode: true,
    qualify: true,
    qualifyIntervalSeconds: true,
  }).extend({ inboundAddresses: z.array(z.string()) }),
  fields: z.array(templateFieldSchema),
  /** What a person must know to set it up (portal steps, number formats). */
  notes: z.array(z.string()),
  /** Facts in this template we could not confirm from the provider's documentation. */
  unconfirmed: z.array(z.string()),
});
export type ProviderTemplate = z.infer<typeof providerTemplateSchema>;
