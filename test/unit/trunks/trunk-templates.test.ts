import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildTrunk } from '../../../main/pbx/trunks/trunk-validation';
import { findProviderTemplate, PROVIDER_TEMPLATES } from '../../../shared/trunk-templates';
import { providerTemplateSchema } from '../../../shared/trunks';

/** A plausible value for each field a template can ask for, as a form would send it. */
const SAMPLE: Record<string, string> = {
  server: 'sip.provider-under-test.net',
  port: '5060',
  transport: 'udp',
  username: 'office-trunk',
  authUsername: 'auth-office',
  password: 'Trunk-Secret-42',
  fromUser: '4155550100',
  fromDomain: 'provider-under-test.net',
  outboundCallerId: '+14155550100',
  inboundAddresses: '203.0.113.10, 198.51.100.0/28',
};

describe('provider templates', () => {
  it('lists the ten providers of the brief, each once', () => {
    expect(PROVIDER_TEMPLATES.map((t) => t.id)).toEqual([
      'telnyx',
      'signalwire',
      'twilio',
      'vonage',
      'bandwidth',
      'voipms',
      'flowroute',
      'plivo',
      'custom-credential',
      'custom-ip',
    ]);
    expect(findProviderTemplate('flowroute')?.displayName).toBe('Flowroute');
    expect(findProviderTemplate('nope')).toBeUndefined();
  });

  it.each(PROVIDER_TEMPLATES.map((t) => [t.id, t] as const))('%s conforms to providerTemplateSchema and asks each field once', (_id, template) => {
    expect(providerTemplateSchema.parse(template)).toEqual(template);
    const keys = template.fields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const field of template.fields) {
      expect(field.label.length, `${field.key} label`).toBeGreaterThan(2);
      expect(field.help.length, `${field.key} help`).toBeGreaterThan(20);
      expect(field.secret).toBe(field.key === 'password');
    }
  });

  it.each(PROVIDER_TEMPLATES.map((t) => [t.id, t] as const))('%s asks for what its kind of authentication needs', (_id, template) => {
    const required = template.fields.filter((f) => f.required).map((f) => f.key);
    if (template.authType === 'credential') {
      expect(required).toEqual(expect.arrayContaining(['username', 'password']));
    } else {
      expect(required).toContain('inboundAddresses');
      expect(template.fields.map((f) => f.key)).not.toContain('password');
    }
  });

  it.each(PROVIDER_TEMPLATES.map((t) => [t.id, t] as const))('%s lists only IP addresses or ranges as default inbound addresses', (_id, template) => {
    for (const entry of template.defaults.inboundAddresses) {
      const [address = '', prefix] = entry.split('/');
      expect(isIP(address), entry).toBe(4);
      if (prefix !== undefined) expect(Number(prefix)).toBeLessThanOrEqual(32);
    }
  });

  it.each(PROVIDER_TEMPLATES.map((t) => [t.id, t] as const))('%s builds a valid trunk from its required fields alone', (_id, template) => {
    const fields = Object.fromEntries(template.fields.filter((f) => f.required).map((f) => [f.key, SAMPLE[f.key]]));
    const result = buildTrunk({ template: template.id, name: 'office', fields });
    expect(result).toMatchObject({ ok: true, trunk: { template: template.id, authType: template.authType, register: template.defaults.register } });
  });

  it('says honestly what could not be confirmed for the named providers, and nothing for the custom ones', () => {
    for (const template of PROVIDER_TEMPLATES) {
      if (template.id.startsWith('custom-')) expect(template.unconfirmed, template.id).toEqual([]);
      else expect(template.unconfirmed.length, template.id).toBeGreaterThan(0);
    }
    expect(findProviderTemplate('flowroute')?.unconfirmed.join(' ')).toMatch(/registration server name/);
  });
});
