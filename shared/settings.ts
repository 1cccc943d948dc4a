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
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  homeCountry: 'US',
  displayName: '',
  theme: 'system',
};

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
