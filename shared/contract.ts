// The typed contract between the renderer and the engine: every channel's
// name, input schema (validated where it enters main) and output schema, and
// the events main pushes. Electron IPC and the WebSocket bridge both carry it.
import { z } from 'zod';
import { activeCallSchema, callHistoryQuerySchema, callRecordSchema } from './call-records';
import { contactSchema, directoryEntrySchema, saveContactSchema } from './contacts';
import { createExtensionSchema, extensionNumberSchema, extensionSummarySchema, registrationSchema, updateExtensionSchema } from './extensions';
import { phoneConnectionSchema } from './phone';
import { dialPolicySchema, inboundRouteSchema, outboundRouteSchema, routeDecisionSchema } from './routing';
import { providerTemplateSchema, trunkNameSchema, trunkStatusSchema, trunkViewSchema } from './trunks';
import { settingsPatchSchema, settingsSchema } from './settings';

const empty = z.object({}).strict();

const engineStatusSchema = z.object({
  version: z.string(),
  startedAt: z.string(),
  dataDir: z.string(),
  http: z.object({ bind: z.string(), port: z.number() }),
  sip: z.object({
    addresses: z.array(z.string()),
    udp: z.number(),
    tcp: z.number(),
    tls: z.number().nullable(),
    realm: z.string(),
    registrations: z.number(),
  }),
});

const whoamiSchema = z.object({
  username: z.string(),
  role: z.enum(['admin', 'user']),
});

/** Who may call a channel: any signed-in person, or administrators only. */
export type Access = 'user' | 'admin';

interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
  access: Access;
}

export const channels = {
  'engine.status': { input: empty, output: engineStatusSchema, access: 'user' },
  'session.whoami': { input: empty, output: whoamiSchema, access: 'user' },
  'settings.get': { input: empty, output: settingsSchema, access: 'user' },
  'settings.update': { input: settingsPatchSchema, output: settingsSchema, access: 'admin' },
  'extensions.list': { input: empty, output: z.array(extensionSummarySchema), access: 'admin' },
  'extensions.create': {
    input: createExtensionSchema,
    output: z.object({ number: z.string(), generatedPassword: z.string().nullable() }),
    access: 'admin',
  },
  'extensions.update': { input: updateExtensionSchema, output: extensionSummarySchema, access: 'admin' },
  'extensions.remove': { input: z.object({ number: extensionNumberSchema }).strict(), output: z.object({ number: z.string() }), access: 'admin' },
  'extensions.import': {
    input: z.object({ csv: z.string().max(2_000_000, 'The file is too large (2 MB at most).') }).strict(),
    output: z.object({ created: z.number(), generated: z.array(z.object({ number: z.string(), password: z.string() })) }),
    access: 'admin',
  },
  /** The signed-in person's own phone: their extension and a token to register it. Ask again on every reconnect. */
  'phone.connection': { input: empty, output: phoneConnectionSchema, access: 'user' },
  'trunks.templates': { input: empty, output: z.array(providerTemplateSchema), access: 'admin' },
  'trunks.list': { input: empty, output: z.object({ trunks: z.array(trunkViewSchema), statuses: z.array(trunkStatusSchema) }), access: 'admin' },
  /** A trunk from a template and the fields it asks for; field errors come back per field. */
  'trunks.create': {
    input: z
      .object({
        template: z.string().max(64),
        name: trunkNameSchema,
        displayName: z.string().max(64).optional(),
        fields: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
        settings: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    output: trunkViewSchema,
    access: 'admin',
  },
  /** Changes a trunk; a password not given stays. */
  'trunks.update': {
    input: z
      .object({
        name: trunkNameSchema,
        displayName: z.string().max(64).optional(),
        enabled: z.boolean().optional(),
        fields: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional(),
        settings: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    output: trunkViewSchema,
    access: 'admin',
  },
  'trunks.remove': { input: z.object({ name: trunkNameSchema }).strict(), output: z.object({ name: z.string() }), access: 'admin' },
  /** Registers (if the trunk does) and sends OPTIONS; each step reported in plain words. */
  'trunks.test': {
    input: z.object({ name: trunkNameSchema }).strict(),
    output: z.object({ ok: z.boolean(), steps: z.array(z.object({ ok: z.boolean(), text: z.string() })) }),
    access: 'admin',
  },
  'routes.list': {
    input: empty,
    output: z.object({ outbound: z.array(outboundRouteSchema), inbound: z.array(inboundRouteSchema), policy: dialPolicySchema }),
    access: 'admin',
  },
  'routes.saveOutbound': { input: z.object({ route: outboundRouteSchema, position: z.number().int().min(0).optional() }).strict(), output: z.object({ name: z.string() }), access: 'admin' },
  'routes.removeOutbound': { input: z.object({ name: z.string().max(64) }).strict(), output: z.object({ name: z.string() }), access: 'admin' },
  'routes.saveInbound': { input: z.object({ route: inboundRouteSchema }).strict(), output: z.object({ did: z.string() }), access: 'admin' },
  'routes.removeInbound': { input: z.object({ did: z.string().max(32), trunk: z.string().max(32).optional() }).strict(), output: z.object({ did: z.string() }), access: 'admin' },
  'routes.setPolicy': { input: z.object({ policy: dialPolicySchema }).strict(), output: dialPolicySchema, access: 'admin' },
  /** What a call from an extension to a number would do, explained in words. */
  'routes.simulate': { input: z.object({ from: z.string().max(32), dialled: z.string().max(64) }).strict(), output: routeDecisionSchema, access: 'admin' },
  /** Trunks and extensions as pjsip.conf sections (extensions carry only their MD5 digest). */
  'pjsip.export': { input: empty, output: z.object({ text: z.string() }), access: 'admin' },
  /** Extensions from an Asterisk pjsip_users.conf; sections that cannot be used are listed with the reason. */
  'pjsip.import': {
    input: z.object({ text: z.string().max(2_000_000) }).strict(),
    output: z.object({ created: z.number(), skipped: z.array(z.object({ section: z.string(), reason: z.string() })) }),
    access: 'admin',
  },
  'contacts.list': { input: empty, output: z.array(contactSchema), access: 'user' },
  'contacts.save': { input: saveContactSchema, output: contactSchema, access: 'user' },
  'contacts.remove': { input: z.object({ id: z.number().int().positive() }).strict(), output: z.object({ id: z.number() }), access: 'user' },
  /** Everyone in the office with their presence, for the dialer and the presence view. */
  'directory.list': { input: empty, output: z.array(directoryEntrySchema), access: 'user' },
  'calls.active': { input: empty, output: z.array(activeCallSchema), access: 'user' },
  /** Call records, newest first; a person who is not an administrator sees only their own extension's. */
  'calls.history': { input: callHistoryQuerySchema, output: z.array(callRecordSchema), access: 'user' },
} as const satisfies Record<string, ChannelSpec>;

export const events = {
  'settings.changed': settingsSchema,
  /** An extension's registrations changed (registered, refreshed, removed, expired). */
  'registrations.changed': z.object({ number: z.string(), registrations: z.array(registrationSchema) }),
  /** The calls in progress changed (one started, rang, was answered or ended). */
  'calls.changed': z.array(activeCallSchema),
  /** A call ended and its record was written. */
  'calls.recorded': callRecordSchema,
  /** Someone's presence changed (registered, on a call, ringing...): the whole directory. */
  'directory.changed': z.array(directoryEntrySchema),
  /** A trunk's registration or reachability changed. */
  'trunks.status': trunkStatusSchema,
} as const satisfies Record<string, z.ZodType>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
/** The input after validation, as a handler receives it. */
export type ChannelParsedInput<C extends ChannelName> = z.infer<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.infer<Channels[C]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export type EngineStatus = z.infer<typeof engineStatusSchema>;
export type Whoami = z.infer<typeof whoamiSchema>;

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

/** The Electron IPC channel that carries a contract channel. */
export function ipcChannelOf(name: ChannelName): string {
  return `dialtone:${name}`;
}
export const IPC_EVENT_CHANNEL = 'dialtone:event';
