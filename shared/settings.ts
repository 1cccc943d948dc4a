import { z } from 'zod';

/** Settings a person changes in the app; every field has a default. */
export const settingsSchema = z.object({
  /** ISO 3166-1 alpha-2 country used to read and format national numbers. */
  homeCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as US, GB or DE.'),
  /** Name shown to people you call when your extension has none. */
  displayName: z.string().trim().max(64, 'Keep the name to 64 characters or fewer.'),
  /** Colour scheme of the app. */
  theme: z.enum(['system', 'light', 'dark']),
  /**
   * Digest algorithms offered to phones, in order (RFC 8760). The default is
   * MD5 alone: SIPp and many phones answer only the first challenge and know
   * only MD5, and some (baresip/libre) refuse to answer at all when any
   * challenge names another algorithm. Offer SHA-256 to phones that support it
   * per extension, or globally when every phone does.
   */
  sipDigestAlgorithms: z
    .array(z.enum(['MD5', 'SHA-256']))
    .min(1, 'Offer at least one algorithm.')
    .refine((list) => new Set(list).size === list.length, 'List each algorithm once.'),
  /** Registration lifetimes in seconds (RFC 3261 §10.2.1, §10.3). */
  sipDefaultExpires: z.number().int().min(1).max(86_400),
  sipMinExpires: z.number().int().min(1).max(86_400),
  sipMaxExpires: z.number().int().min(1).max(86_400),
  /**
   * Codecs calls may use, by name (any order; the caller's order decides).
   * The engine relays and never transcodes, so a call needs one codec both
   * phones share. Empty allows every codec.
   */
  codecs: z.array(z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'Use codec names such as PCMU, PCMA, G722 or opus.')).max(32),
  /**
   * Failed SIP authentications from one address for one extension, within a
   * minute, before that pair is locked out (403) for a minute, doubling up to
   * 30 minutes. 0 turns the lockout off (fail2ban on security.log still works).
   */
  sipFailedAuthLimit: z.number().int().min(0).max(1000),
  /** A call whose media stopped this long is hung up (seconds). */
  mediaTimeoutSeconds: z.number().int().min(5, 'At least 5 seconds.').max(3600, 'At most an hour.'),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  homeCountry: 'US',
  displayName: '',
  theme: 'system',
  sipDigestAlgorithms: ['MD5'],
  sipDefaultExpires: 3600,
  sipMinExpires: 60,
  sipMaxExpires: 7200,
  sipFailedAuthLimit: 10,
  codecs: ['opus', 'G722', 'PCMU', 'PCMA', 'G729', 'GSM', 'iLBC', 'telephone-event', 'CN'],
  mediaTimeoutSeconds: 60,
};

export const settingsPatchSchema = settingsSchema.partial().strict();

/** Cross-field rules, checked on the merged result of a change. */
export function settingsProblem(settings: Settings): { field: keyof Settings; message: string } | undefined {
  if (settings.sipMinExpires > settings.sipMaxExpires) return { field: 'sipMinExpires', message: 'The shortest registration cannot be longer than the longest.' };
  if (settings.sipDefaultExpires < settings.sipMinExpires || settings.sipDefaultExpires > settings.sipMaxExpires) {
    return { field: 'sipDefaultExpires', message: 'The default registration must lie between the shortest and the longest.' };
  }
  return undefined;
}
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
