import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportPjsip, type ExportedExtension } from '../../../main/pbx/trunks/pjsip-export';
import { optionValue, parseAsteriskConfig, type ConfigSection } from '../../../main/pbx/trunks/pjsip-config-parser';
import { buildTrunk, type TrunkDraft } from '../../../main/pbx/trunks/trunk-validation';
import type { Trunk } from '../../../shared/trunks';

function trunk(draft: TrunkDraft): Trunk {
  const result = buildTrunk(draft);
  if (!result.ok) throw new Error(JSON.stringify(result.fields));
  return result.trunk;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

const telnyx = trunk({ template: 'telnyx', name: 'main', fields: { username: 'oakridge', password: 'semi;colon=pw', outboundCallerId: '+14155550100' } });
const twilio = trunk({ template: 'twilio', name: 'twilio', fields: { server: 'oakridge.pstn.twilio.com', username: 'pbx', password: 'Twilio-Cred-1' } });
const flowroute = trunk({
  template: 'flowroute',
  name: 'flow',
  fields: { username: '12345678', password: 'Flow-Route-9', transport: 'tls', port: 5061 },
  settings: { codecs: ['PCMU', 'telephone-event'], maxChannels: 4 },
});
const carrier = trunk({ template: 'custom-ip', name: 'carrier', fields: { server: 'sbc.carrier.example', inboundAddresses: '203.0.113.10, 198.51.100.0/28' } });
const spare = { ...telnyx, name: 'spare', enabled: false };
const extensions: ExportedExtension[] = [
  { number: '1001', name: 'Front "Desk"', realm: 'dialtone', ha1Md5: md5('1001:dialtone:Oak-ridge-desk-77'), maxContacts: 5 },
  { number: '1002', name: '', realm: 'dialtone', ha1Md5: md5('1002:dialtone:sales-pitch-24'), maxContacts: 1 },
];

/** The one section of this name and type, failing the test when there is none or several. */
function find(sections: ConfigSection[], name: string, type: string): ConfigSection {
  const found = sections.filter((s) => s.name === name && optionValue(s, 'type') === type);
  expect(found, `[${name}] type=${type}`).toHaveLength(1);
  return found[0] as ConfigSection;
}

function all(section: ConfigSection, key: string): string[] {
  return section.options.filter(([k]) => k === key).map(([, v]) => v);
}

describe('exporting to pjsip.conf', () => {
  const text = exportPjsip([telnyx, twilio, flowroute, carrier, spare], extensions);
  const { sections, problems } = parseAsteriskConfig(text);

  it('writes a file Asterisk’s parser reads without complaint, and only section types res_pjsip knows', () => {
    expect(problems).toEqual([]);
    const types = new Set(sections.map((s) => optionValue(s, 'type')));
    expect([...types].sort()).toEqual(['aor', 'auth', 'endpoint', 'identify', 'registration', 'transport']);
    expect(sections.map((s) => `${s.name}/${optionValue(s, 'type')}`)).toHaveLength(new Set(sections.map((s) => `${s.name}/${optionValue(s, 'type')}`)).size);
  });

  it('registers a registering trunk with its own auth section, and answers digest challenges with the password as given', () => {
    expect(find(sections, 'main', 'registration').options).toEqual([
      ['type', 'registration'],
      ['transport', 'transport-udp'],
      ['outbound_auth', 'main-auth'],
      ['server_uri', 'sip:sip.telnyx.com:5060'],
      ['client_uri', 'sip:oakridge@sip.telnyx.com:5060'],
      ['contact_user', 'oakridge'],
      ['expiration', '600'],
      ['retry_interval', '60'],
    ]);
    expect(find(sections, 'main-auth', 'auth').options).toEqual([
      ['type', 'auth'],
      ['auth_type', 'digest'],
      ['username', 'oakridge'],
      ['password', 'semi;colon=pw'],
    ]);
    expect(text).toContain('password=semi\\;colon=pw');
    const endpoint = find(sections, 'main', 'endpoint');
    expect(optionValue(endpoint, 'allow')).toBe('ulaw,alaw,g722');
    expect(optionValue(endpoint, 'outbound_auth')).toBe('main-auth');
    expect(optionValue(endpoint, 'aors')).toBe('main');
    expect(optionValue(endpoint, 'dtmf_mode')).toBe('rfc4733');
    expect(optionValue(find(sections, 'main', 'aor'), 'qualify_frequency')).toBe('60');
    expect(all(find(sections, 'main', 'identify'), 'match')).toEqual(['sip.telnyx.com']);
    expect(text).toContain('; calls out show +14155550100: set CALLERID(num) in the dialplan');
  });

  it('writes no registration for a trunk that does not register, and accepts calls from the provider’s ranges', () => {
    expect(sections.filter((s) => s.name === 'twilio' && optionValue(s, 'type') === 'registration')).toEqual([]);
    expect(optionValue(find(sections, 'twilio', 'aor'), 'qualify_frequency')).toBe('0');
    expect(all(find(sections, 'twilio', 'identify'), 'match')).toEqual(['oakridge.pstn.twilio.com', ...twilio.inboundAddresses]);
  });

  it('carries TLS, P-Asserted-Identity and the codecs Asterisk can name', () => {
    expect(find(sections, 'transport-tls', 'transport').options).toEqual([
      ['type', 'transport'],
      ['protocol', 'tls'],
      ['bind', '0.0.0.0:5061'],
    ]);
    expect(optionValue(find(sections, 'flow', 'registration'), 'server_uri')).toBe('sip:us-west-or.sip.flowroute.com:5061;transport=tls');
    const endpoint = find(sections, 'flow', 'endpoint');
    expect(optionValue(endpoint, 'transport')).toBe('transport-tls');
    expect(optionValue(endpoint, 'send_pai')).toBe('yes');
    expect(optionValue(endpoint, 'allow')).toBe('ulaw');
    expect(text).toContain('; not offered (Asterisk has no name for them here): telephone-event');
    expect(text).toContain('; at most 4 calls at once');
  });

  it('identifies an IP trunk by its addresses alone, with no auth at all', () => {
    expect(sections.filter((s) => s.name === 'carrier-auth')).toEqual([]);
    expect(optionValue(find(sections, 'carrier', 'endpoint'), 'outbound_auth')).toBeUndefined();
    expect(all(find(sections, 'carrier', 'identify'), 'match')).toEqual(['203.0.113.10', '198.51.100.0/28']);
  });

  it('leaves a disabled trunk out and says so', () => {
    expect(sections.filter((s) => s.name.startsWith('spare'))).toEqual([]);
    expect(text).toContain('; Trunk spare is disabled in Dialtone and is not exported.');
  });

  it('gives each extension endpoint, auth and aor, with the MD5 digest and the realm it was made for', () => {
    expect(find(sections, '1001', 'auth').options).toEqual([
      ['type', 'auth'],
      ['auth_type', 'digest'],
      ['username', '1001'],
      ['realm', 'dialtone'],
      ['md5_cred', md5('1001:dialtone:Oak-ridge-desk-77')],
    ]);
    const endpoint = find(sections, '1001', 'endpoint');
    expect(optionValue(endpoint, 'auth')).toBe('1001');
    expect(optionValue(endpoint, 'aors')).toBe('1001');
    expect(optionValue(endpoint, 'callerid')).toBe('"Front \\"Desk\\"" <1001>');
    expect(optionValue(find(sections, '1002', 'endpoint'), 'callerid')).toBe('<1002>');
    expect(optionValue(find(sections, '1002', 'aor'), 'max_contacts')).toBe('1');
    expect(text).toMatch(/Keep that\n; realm/);
  });

  it('writes the older auth types on request', () => {
    const legacy = parseAsteriskConfig(exportPjsip([telnyx], extensions, { authStyle: 'legacy' })).sections;
    expect(optionValue(find(legacy, 'main-auth', 'auth'), 'auth_type')).toBe('userpass');
    expect(optionValue(find(legacy, '1001', 'auth'), 'auth_type')).toBe('md5');
  });

  it('refuses a value it cannot write on one line', () => {
    expect(() => exportPjsip([{ ...telnyx, password: 'two\nlines' }], [])).toThrow('Trunk main (password) contains a line break');
  });
});
