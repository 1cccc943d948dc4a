import { z } from 'zod';

/** A SIP user part we accept as an extension number: digits are usual, letters allowed (user0001). */
export const extensionNumberSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'Use 1–32 letters, digits, dots, dashes or underscores, starting with a letter or digit.')
  // The web UI signs extensions in by number; "admin" is the administrator's account.
  .refine((n) => n.toLowerCase() !== 'admin', 'This name is reserved for the administrator.');

export const extensionPasswordSchema = z
  .string()
  .min(8, 'Use a password of at least 8 characters.')
  .max(128, 'Keep the password to 128 characters or fewer.');

export const extensionNameSchema = z.string().trim().max(64, 'Keep the name to 64 characters or fewer.');

export const createExtensionSchema = z
  .object({
    number: extensionNumberSchema,
    name: extensionNameSchema.optional(),
    /** Omit to have a strong password generated (and shown once). */
    password: extensionPasswordSchema.optional(),
  })
  .strict()
  .refine((v) => v.password === undefined || v.password !== v.number, { message: 'The password cannot be the extension number.', path: ['password'] });

export const updateExtensionSchema = z
  .object({
    number: extensionNumberSchema,
    name: extensionNameSchema.optional(),
    password: extensionPasswordSchema.optional(),
    /** This extension's digest offer, in order; null follows the global setting. */
    digestAlgorithms: z
      .array(z.enum(['MD5', 'SHA-256']))
      .min(1, 'Offer at least one algorithm.')
      .refine((list) => new Set(list).size === list.length, 'List each algorithm once.')
      .nullable()
      .optional(),
    /** How many phones may register at once; the oldest makes room for a new one. */
    maxContacts: z.number().int().min(1, 'Allow at least one device.').max(20, 'At most 20 devices.').optional(),
    /** Seconds a call rings here before it gives up. */
    ringTimeout: z.number().int().min(5, 'Ring at least 5 seconds.').max(600, 'Ring at most 10 minutes.').optional(),
  })
  .strict()
  .refine((v) => v.password === undefined || v.password !== v.number, { message: 'The password cannot be the extension number.', path: ['password'] });

export const registrationSchema = z.object({
  contact: z.string(),
  protocol: z.string(),
  source: z.string(),
  userAgent: z.string(),
  expiresAt: z.number(),
});

export const extensionSummarySchema = z.object({
  number: z.string(),
  name: z.string(),
  digestAlgorithms: z.array(z.string()).nullable(),
  maxContacts: z.number(),
  ringTimeout: z.number(),
  registrations: z.array(registrationSchema),
});

export type ExtensionSummary = z.infer<typeof extensionSummarySchema>;
export type Registration = z.infer<typeof registrationSchema>;
