import { isIP } from 'node:net';
import { findProviderTemplate, PROVIDER_TEMPLATES } from '../../../shared/trunk-templates';
import { trunkSchema, type ProviderTemplate, type Trunk } from '../../../shared/trunks';

/** Trunk settings that are not questions of a template: codecs, DTMF, limits. */
const SETTING_KEYS = [
  'codecs',
  'dtmfMode',
  'callerIdMode',
  'register',
  'registrationExpires',
  'qualify',
  'qualifyIntervalSeconds',
  'maxChannels',
] as const satisfies readonly (keyof Trunk)[];
type TrunkSettings = Partial<Pick<Trunk, (typeof SETTING_KEYS)[number]>>;

/** What a person fills in: a template, a name, and the template's fields (as a form sends them). */
export interface TrunkDraft {
  template: string;
  name: string;
  displayName?: string | undefined;
  enabled?: boolean | undefined;
  fields: Record<string, unknown>;
  settings?: Record<string, unknown> | undefined;
}

export type TrunkBuildResult = { ok: true; trunk: Trunk } | { ok: false; fields: Record<string, string> };

/** Accepts one address per entry, or one string of addresses split by commas, spaces or lines (a textarea). */
function addressList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.split(/[\s,]+/).filter((part) => part !== '');
}

/** A form sends every value as text; numbers and lists are read from it here, everything else stays as given. */
function readField(key: string, value: unknown): unknown {
  if (typeof value === 'string') {
    const text = value.trim();
    if (key === 'port' && /^\d+$/.test(text)) return Number(text);
    if (key === 'inboundAddresses') return addressList(text);
    return text;
  }
  return value;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** An IPv4/IPv6 address, or a CIDR range of one. */
function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

function unknownKeys(given: Record<string, unknown>, known: readonly string[], owner: string): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) problems[key] = `${owner} has no field “${key}”. Its fields are: ${known.join(', ')}.`;
  }
  return problems;
}

function missingRequired(template: ProviderTemplate, fields: Record<string, unknown>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of template.fields) {
    if (field.required && isBlank(fields[field.key])) problems[field.key] = `${template.displayName} needs the ${field.label}. ${field.help}`;
  }
  return problems;
}

function addressProblems(trunk: Record<string, unknown>, template: ProviderTemplate): Record<string, string> {
  const addresses = trunk.inboundAddresses;
  if (!Array.isArray(addresses)) return {};
  const bad = addresses.filter((entry) => typeof entry !== 'string' || !isAddressOrRange(entry));
  if (bad.length > 0) return { inboundAddresses: `These are not IP addresses or ranges: ${bad.join(', ')}. Use forms such as 203.0.113.10 or 203.0.113.0/28.` };
  if (template.authType === 'ip' && addresses.length === 0) {
    return { inboundAddresses: 'An IP-authenticated trunk needs the provider’s addresses: calls from anywhere else are refused.' };
  }
  return {};
}

/**
 * Builds a trunk from a template and what a person filled in: the template's
 * defaults first, then the fields, then any settings. Every problem is
 * reported against the field it concerns; a field the template does not have
 * is an error, so a typo ("pasword") never disappears silently.
 */
export function buildTrunk(draft: TrunkDraft): TrunkBuildResult {
  const template = findProviderTemplate(draft.template);
  if (!template) {
    const ids = PROVIDER_TEMPLATES.map((t) => t.id).join(', ');
    return { ok: false, fields: { template: `There is no provider template “${draft.template}”. Choose one of: ${ids}.` } };
  }

  const fields = Object.fromEntries(Object.entries(draft.fields).map(([key, value]) => [key, readField(key, value)]));
  const settings = draft.settings ?? {};
  const structural = {
    ...unknownKeys(draft.fields, template.fields.map((f) => f.key), template.displayName),
    ...unknownKeys(settings, SETTING_KEYS, 'A trunk'),
  };
  if (Object.keys(structural).length > 0) return { ok: false, fields: structural };

  const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => !isBlank(value)));
  const candidate: Record<string, unknown> = {
    ...template.defaults,
    name: draft.name,
    template: template.id,
    displayName: draft.displayName ?? template.displayName,
    enabled: draft.enabled ?? true,
    authType: template.authType,
    maxChannels: 0,
    ...given,
    ...(settings as TrunkSettings),
  };

  // A missing required field says it in the provider's words, so it wins over the generic address check.
  const problems: Record<string, string> = { ...addressProblems(candidate, template), ...missingRequired(template, fields) };
  const parsed = trunkSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'trunk');
      problems[key] ??= issue.message;
    }
  }
  if (Object.keys(problems).length > 0 || !parsed.success) return { ok: false, fields: problems };
  return { ok: true, trunk: parsed.data };
}
