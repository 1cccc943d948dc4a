import { z } from 'zod';

export const contactSchema = z.object({
  id: z.number(),
  name: z.string(),
  /** As entered: an extension, a national or international number, or a sip: address. */
  number: z.string(),
  company: z.string(),
  email: z.string(),
  /** The company's contact (everyone sees it; administrators edit it) or one person's own. */
  shared: z.boolean(),
});
export type Contact = z.infer<typeof contactSchema>;

export const saveContactSchema = z
  .object({
    id: z.number().int().positive().optional(),
    name: z.string().trim().min(1, 'Enter a name.').max(80, 'Keep the name to 80 characters or fewer.'),
    number: z
      .string()
      .trim()
      .min(1, 'Enter a number or SIP address.')
      .max(120)
      .regex(/^(sips?:[^\s<>"]+|[+\d][\d\s().\-*#]*)$/, 'Use digits (with + for international), or a sip: address.'),
    company: z.string().trim().max(80).default(''),
    email: z.union([z.literal(''), z.string().trim().email('Enter an email address, or leave it empty.').max(120)]).default(''),
    shared: z.boolean().default(false),
  })
  .strict();

/** Someone in the office as everyone may see them: no addresses or devices. */
export const directoryEntrySchema = z.object({
  number: z.string(),
  name: z.string(),
  presence: z.enum(['available', 'offline', 'ringing', 'busy']),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;
