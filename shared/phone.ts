import { z } from 'zod';

/** How the app's own phone (sip.js) connects: everything but the person's password. */
export const phoneConnectionSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    extension: z.string(),
    displayName: z.string(),
    /** The SIP domain of the address of record: sip:<extension>@<domain>. */
    domain: z.string(),
    /** WebSocket URL with a five-minute token; absolute on the desktop, a path (to resolve against the page) in a browser. */
    webSocketUrl: z.string(),
    /** STUN/TURN servers for the browser; empty on a LAN (host candidates only). */
    iceServers: z.array(z.object({ urls: z.union([z.string(), z.array(z.string())]) })),
  }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type PhoneConnection = z.infer<typeof phoneConnectionSchema>;
