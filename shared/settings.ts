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
   * Digest algorithms offered to phones, in order. Many phones (and SIPp)
   * answer only the first challenge and know only MD5, so MD5 first lets
   * everything register; SHA-256 first is stronger but locks those out.
   */
  sipDigestAlgorithms: z
    .array(z.enum(['MD5', 'SHA-256']))
    .min(1, 'Offer at least one algorithm.')
    .refine((list) => new Set(list).size === list.length, 'List each algorithm once.'),
  /** Registration lifetimes in seconds (RFC 3261 §10.2.1, §10.3). */
  sipDefaultExpires: z.number().int().min(1).max(86_400),
  sipMinExpires: z.number().int().min(1).max(86_400),
  sipMaxExpires: z.number().int().min(1).max(86_400),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  homeCountry: 'US',
  displayName: '',
  theme: 'system',
  sipDigestAlgorithms: ['MD5', 'SHA-256'],
  sipDefaultExpires: 3600,
  sipMinExpires: 60,
  sipMaxExpires: 7200,
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
