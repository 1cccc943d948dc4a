import { describe, expect, it } from 'vitest';
import { buildTrunk, type TrunkDraft } from '../../../main/pbx/trunks/trunk-validation';

function problems(draft: TrunkDraft): Record<string, string> {
  const result = buildTrunk(draft);
  if (result.ok) throw new Error(`expected problems, got a trunk: ${JSON.stringify(result.trunk)}`);
  return result.fields;
}

const telnyx = (fields: Record<string, unknown>, extra: Partial<TrunkDraft> = {}): TrunkDraft => ({ template: 'telnyx', name: 'main', fields, ...extra });

describe('building a trunk from a template', () => {
  it('applies the template defaults under the fields given', () => {
    expect(buildTrunk(telnyx({ username: 'oakridge', password: 'Trunk-Secret-42' }))).toEqual({
      ok: true,
      trunk: {
        name: 'main',
        template: 'telnyx',
        displayName: 'Telnyx',
        enabled: true,
        authType: 'credential',
        server: 'sip.telnyx.com',
        port: 5060,
        transport: 'udp',
        username: 'oakridge',
        password: 'Trunk-Secret-42',
        register: true,
        registrationExpires: 600,
        codecs: ['PCMU', 'PCMA', 'G722'],
        dtmfMode: 'rfc4733',
        callerIdMode: 'from',
        inboundAddresses: [],
        qualify: true,
        qualifyIntervalSeconds: 60,
        maxChannels: 0,
      },
    });
  });

  it('says which field is missing, in the provider’s words and where to find it', () => {
    const fields = problems(telnyx({ username: 'oakridge' }));
    expect(Object.keys(fields)).toEqual(['password']);
    expect(fields.password).toMatch(/^Telnyx needs the SIP password\. .*Voice → SIP Trunking → your SIP connection → Authentication and routing/);
    expect(problems(telnyx({ username: '  ', password: '' }))).toMatchObject({ username: expect.stringMatching(/^Telnyx needs the SIP username/) });
  });

  it('refuses a field name the template does not have, naming it, instead of ignoring a typo', () => {
    const fields = problems(telnyx({ username: 'oakridge', pasword: 'Trunk-Secret-42' }));
    expect(Object.keys(fields)).toEqual(['pasword']);
    expect(fields.pasword).toBe('Telnyx has no field “pasword”. Its fields are: username, password, server, transport, port, outboundCallerId.');
    // A real trunk field that this provider does not ask for is just as unknown.
    expect(problems(telnyx({ username: 'u', password: 'p', inboundAddresses: '203.0.113.1' }))).toHaveProperty('inboundAddresses');
  });

  it('names the templates there are when the template is unknown', () => {
    expect(problems({ template: 'telnix', name: 'main', fields: {} })).toEqual({
      template: expect.stringMatching(/^There is no provider template “telnix”\. Choose one of: telnyx, signalwire, twilio, .*custom-ip\.$/),
    });
  });

  it('reads numbers and address lists the way a form sends them', () => {
    const built = buildTrunk({
      template: 'custom-ip',
      name: 'carrier',
      fields: { server: 'sbc.carrier.example', port: ' 5080 ', inboundAddresses: '203.0.113.10, 203.0.113.11\n198.51.100.0/28' },
    });
    expect(built).toMatchObject({ ok: true, trunk: { port: 5080, inboundAddresses: ['203.0.113.10', '203.0.113.11', '198.51.100.0/28'], authType: 'ip' } });
  });

  it('reports each bad value against its own field', () => {
    const fields = problems({
      template: 'custom-credential',
      name: 'Main Trunk',
      fields: { server: 'sip:pbx.example.com', port: 'five', username: 'u', password: 'p', outboundCallerId: '4155550100' },
    });
    expect(fields).toEqual({
      name: expect.stringMatching(/lower-case letters/),
      server: 'Enter a host name or IP address, without sip: or a port.',
      port: expect.any(String),
      outboundCallerId: 'Use an E.164 number such as +14155550100.',
    });
    expect(problems({ template: 'custom-credential', name: 'x', fields: { server: 'h.example', port: 70000, username: 'u', password: 'p' } })).toHaveProperty('port');
  });

  it('checks that inbound addresses are addresses, and that an IP trunk has some', () => {
    expect(problems({ template: 'custom-ip', name: 'carrier', fields: { server: 'sbc.example', inboundAddresses: '203.0.113.300, 10.0.0.0/33, sbc.example' } })).toEqual({
      inboundAddresses: 'These are not IP addresses or ranges: 203.0.113.300, 10.0.0.0/33, sbc.example. Use forms such as 203.0.113.10 or 203.0.113.0/28.',
    });
    expect(problems({ template: 'custom-ip', name: 'carrier', fields: { server: 'sbc.example', inboundAddresses: '' } })).toEqual({
      inboundAddresses: expect.stringMatching(/^Other provider \(IP address\) needs the Addresses calls come from/),
    });
    const ipv6 = buildTrunk({ template: 'custom-ip', name: 'v6', fields: { server: 'sbc.example', inboundAddresses: ['2001:db8::1', '2001:db8:1::/48'] } });
    expect(ipv6.ok).toBe(true);
  });

  it('takes settings beyond the template’s questions, and refuses unknown ones', () => {
    const built = buildTrunk(telnyx({ username: 'u', password: 'p' }, { settings: { codecs: ['G722'], maxChannels: 4, dtmfMode: 'info' } }));
    expect(built).toMatchObject({ ok: true, trunk: { codecs: ['G722'], maxChannels: 4, dtmfMode: 'info' } });
    expect(problems(telnyx({ username: 'u', password: 'p' }, { settings: { codec: ['G722'] } }))).toEqual({
      codec: expect.stringMatching(/^A trunk has no field “codec”/),
    });
    expect(problems(telnyx({ username: 'u', password: 'p' }, { settings: { dtmfMode: 'sip-info' } }))).toHaveProperty('dtmfMode');
  });

  it('uses an optional field when given and the default when left blank', () => {
    expect(buildTrunk(telnyx({ username: 'u', password: 'p', server: 'sip.telnyx.eu' }))).toMatchObject({ trunk: { server: 'sip.telnyx.eu' } });
    expect(buildTrunk(telnyx({ username: 'u', password: 'p', server: '' }))).toMatchObject({ trunk: { server: 'sip.telnyx.com' } });
  });

  it('asks Vonage for the number it shows, and Twilio for its own termination URI', () => {
    expect(problems({ template: 'vonage', name: 'v', fields: { username: 'key', password: 'secret' } })).toEqual({
      outboundCallerId: expect.stringMatching(/^Vonage needs the Number shown on calls out/),
    });
    expect(problems({ template: 'twilio', name: 't', fields: { username: 'u', password: 'p' } })).toEqual({
      server: expect.stringMatching(/^Twilio Elastic SIP Trunking needs the Termination SIP URI\. Twilio Console → Elastic SIP Trunking/),
    });
  });
});
