import type { CALLER_ID_MODES, DTMF_MODES, ProviderTemplate, TrunkView } from '../../../../shared/trunks';

export type FieldKey = ProviderTemplate['fields'][number]['key'];

/** The advanced settings as the form holds them: numbers as typed, lists as text. */
export interface SettingValues {
  codecs: string;
  dtmfMode: (typeof DTMF_MODES)[number];
  callerIdMode: (typeof CALLER_ID_MODES)[number];
  register: boolean;
  registrationExpires: string;
  qualify: boolean;
  qualifyIntervalSeconds: string;
  maxChannels: string;
}

export const SETTING_KEYS = ['codecs', 'dtmfMode', 'callerIdMode', 'register', 'registrationExpires', 'qualify', 'qualifyIntervalSeconds', 'maxChannels'] as const satisfies readonly (keyof SettingValues)[];

export interface TrunkFormValues {
  name: string;
  displayName: string;
  fields: Partial<Record<FieldKey, string>>;
  settings: SettingValues;
}

/** What a field shows at first: the trunk's value when editing (never the password), else the template's default where it has a real one. */
function initialField(key: FieldKey, template: ProviderTemplate, trunk: TrunkView | undefined): string {
  if (trunk) {
    if (key === 'password') return '';
    const value = trunk[key];
    return Array.isArray(value) ? value.join('\n') : value === undefined ? '' : String(value);
  }
  // The template's server is often a placeholder (yourspace.sip.…): shown as a placeholder, never filled in.
  if (key === 'port' || key === 'transport') return String(template.defaults[key]);
  if (key === 'inboundAddresses') return template.defaults.inboundAddresses.join('\n');
  return '';
}

export function initialValues(template: ProviderTemplate, trunk?: TrunkView): TrunkFormValues {
  const source = trunk ?? { ...template.defaults, maxChannels: 0 };
  return {
    name: trunk?.name ?? '',
    displayName: trunk?.displayName ?? '',
    fields: Object.fromEntries(template.fields.map((f) => [f.key, initialField(f.key, template, trunk)])),
    settings: {
      codecs: source.codecs.join(', '),
      dtmfMode: source.dtmfMode,
      callerIdMode: source.callerIdMode,
      register: source.register,
      registrationExpires: String(source.registrationExpires),
      qualify: source.qualify,
      qualifyIntervalSeconds: String(source.qualifyIntervalSeconds),
      maxChannels: String(source.maxChannels),
    },
  };
}

/**
 * The fields as trunks.create/update take them. A new trunk sends only what
 * was filled in (the template's defaults do the rest); an edit sends every
 * field, so emptying one clears it, except an empty password, which keeps the
 * one the engine has.
 */
export function fieldsToSend(values: TrunkFormValues, editing: boolean): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const [key, value = ''] of Object.entries(values.fields)) {
    const blank = value.trim() === '';
    if (blank && (!editing || key === 'password')) continue;
    sent[key] = value;
  }
  return sent;
}

/** A number as typed; text that is not one goes as it is, for the engine to name at its field. */
function numberOrText(text: string): number | string {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : text;
}

export function settingsToSend(settings: SettingValues): Record<string, unknown> {
  return {
    codecs: settings.codecs.split(/[\s,]+/).filter((c) => c !== ''),
    dtmfMode: settings.dtmfMode,
    callerIdMode: settings.callerIdMode,
    register: settings.register,
    registrationExpires: numberOrText(settings.registrationExpires),
    qualify: settings.qualify,
    qualifyIntervalSeconds: numberOrText(settings.qualifyIntervalSeconds),
    maxChannels: numberOrText(settings.maxChannels),
  };
}
