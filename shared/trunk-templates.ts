import type { ProviderTemplate } from './trunks';

/**
 * SIP trunk providers as data: what each asks for, where to find it, and the
 * settings that work with it. Facts come from the providers' public documents
 * where we could read them; everything else is listed in `unconfirmed`, never
 * stated as fact.
 */

type Field = ProviderTemplate['fields'][number];
type Defaults = ProviderTemplate['defaults'];

const portField: Field = {
  key: 'port',
  label: 'Port',
  help: 'Leave it as it is unless the provider gives another (5060 for UDP and TCP, 5061 for TLS).',
  required: false,
  secret: false,
};

const transportField: Field = {
  key: 'transport',
  label: 'Transport',
  help: 'UDP works almost everywhere; TCP or TLS if the provider asks for it.',
  required: false,
  secret: false,
};

function field(key: Field['key'], label: string, help: string, required: boolean): Field {
  return { key, label, help, required, secret: false };
}

function passwordField(help: string, label = 'SIP password'): Field {
  return { key: 'password', label, help, required: true, secret: true };
}

function callerIdField(help: string, required = false): Field {
  return field('outboundCallerId', 'Number shown on calls out', help, required);
}

function inboundField(help: string, required = false): Field {
  return field('inboundAddresses', 'Addresses calls come from', help, required);
}

/** Trunks that register with a username and password. */
const registering: Pick<Defaults, 'port' | 'transport' | 'register' | 'registrationExpires' | 'qualify' | 'qualifyIntervalSeconds' | 'inboundAddresses'> = {
  port: 5060,
  transport: 'udp',
  register: true,
  registrationExpires: 600,
  qualify: true,
  qualifyIntervalSeconds: 60,
  inboundAddresses: [],
};

/** Trunks that take no REGISTER: calls out carry digest authentication, calls in come to our address. */
const notRegistering: typeof registering = { ...registering, register: false, registrationExpires: 3600 };

const telnyx: ProviderTemplate = {
  id: 'telnyx',
  displayName: 'Telnyx',
  authType: 'credential',
  defaults: { ...registering, server: 'sip.telnyx.com', codecs: ['PCMU', 'PCMA', 'G722'], dtmfMode: 'rfc4733', callerIdMode: 'from' },
  fields: [
    field(
      'username',
      'SIP username',
      'Telnyx Mission Control Portal → Voice → SIP Trunking → your SIP connection (type Credentials) → Authentication and routing: the username.',
      true,
    ),
    passwordField('It is on the same page as the username: Voice → SIP Trunking → your SIP connection → Authentication and routing.'),
    field(
      'server',
      'SIP server',
      'sip.telnyx.com (US). Telnyx also runs sip.telnyx.eu (Europe), sip.telnyx.ca (Canada) and sip.telnyx.com.au (Australia); use the one nearest this office.',
      false,
    ),
    transportField,
    portField,
    callerIdField('A number on your Telnyx account, such as +14155550100.'),
  ],
  notes: [
    'Create a SIP connection of type Credentials, assign your numbers to it, and give it an Outbound Voice Profile: Telnyx routes calls out through that profile.',
    'Set the connection’s inbound number format to +E.164 so called numbers arrive as +14155550100.',
    'Signalling addresses (sip.telnyx.com): US 192.76.120.10 and 64.16.250.10; Europe 185.246.41.140 and .141; Canada 192.76.120.31 and 64.16.250.13; Australia 103.115.244.145 and .146.',
    'Ports: 5060 UDP and TCP, 5061 TLS; media on UDP 16384–32768.',
  ],
  unconfirmed: [
    'How long a registration Telnyx grants; we ask for 600 seconds.',
    'Whether Telnyx reads the caller ID from P-Asserted-Identity on credential connections; we send it in From.',
    'The full codec list (sip.telnyx.com lists it; we could not read it). G.711 and G.722 are offered here.',
    'Telnyx documents two sets of European signalling addresses (185.246.41.140/.141 on sip.telnyx.com, 5.172.39.10/.25 on its failover page).',
  ],
};

const signalwire: ProviderTemplate = {
  id: 'signalwire',
  displayName: 'SignalWire',
  authType: 'credential',
  defaults: { ...registering, server: 'example.sip.signalwire.com', codecs: ['opus', 'G722', 'PCMU', 'PCMA'], dtmfMode: 'rfc4733', callerIdMode: 'from' },
  fields: [
    field(
      'server',
      'SIP domain',
      'Your Space’s SIP domain, such as yourspace.sip.signalwire.com. The SignalWire Dashboard shows it with the SIP endpoint (Resources → your SIP endpoint).',
      true,
    ),
    field('username', 'SIP endpoint username', 'The part before @ in the SIP endpoint’s address: SignalWire Dashboard → Resources → your SIP endpoint.', true),
    passwordField('The password you gave the SIP endpoint when you created it (Resources → your SIP endpoint).'),
    transportField,
    portField,
    callerIdField('SignalWire shows the Caller ID set on the SIP endpoint; when that is blank it picks one of your numbers at random.'),
  ],
  notes: [
    'Create a SIP endpoint in your Space and allow it to call the phone network (its outbound call setting).',
    'Point each phone number at the SIP endpoint (Phone Numbers → the number → edit settings) so its calls come over the registration.',
    'SignalWire endpoints offer Opus, G.722, G.711 (PCMU, PCMA) and G.729 by default.',
  ],
  unconfirmed: [
    'The form yourspace.sip.signalwire.com of the SIP domain (SignalWire says it follows the SIP address in your SIP profile); the default is a placeholder.',
    'Ports and transports SignalWire accepts; we use UDP 5060.',
    'Whether SignalWire uses the number we send in From or always the endpoint’s Caller ID setting.',
    'The DTMF mode; we assume RFC 4733 events.',
    'The default Encryption of a new endpoint: with Required, calls need TLS and SRTP.',
  ],
};

const twilio: ProviderTemplate = {
  id: 'twilio',
  displayName: 'Twilio Elastic SIP Trunking',
  authType: 'credential',
  defaults: {
    ...notRegistering,
    server: 'example.pstn.twilio.com',
    codecs: ['PCMU', 'PCMA'],
    dtmfMode: 'rfc4733',
    callerIdMode: 'from',
    qualify: false,
    // Signalling gateways per region: Virginia, Oregon, Ireland, Frankfurt, Tokyo, Singapore, Sydney, São Paulo.
    inboundAddresses: [
      '54.172.60.0/30',
      '54.244.51.0/30',
      '54.171.127.192/30',
      '35.156.191.128/30',
      '54.65.63.192/30',
      '54.169.127.128/30',
      '54.252.254.64/30',
      '177.71.206.192/30',
    ],
  },
  fields: [
    field(
      'server',
      'Termination SIP URI',
      'Twilio Console → Elastic SIP Trunking → Manage → Trunks → your trunk → Termination: the Termination SIP URI, such as yourname.pstn.twilio.com. A localized one (yourname.pstn.ashburn.twilio.com, …dublin…, …frankfurt…, …sydney…) keeps signalling in one region.',
      true,
    ),
    field('username', 'Credential list username', 'Your trunk → Termination → Authentication → Credential Lists: a username from the list on this trunk.', true),
    passwordField('The password of that username in the credential list.'),
    inboundField('Twilio’s signalling addresses for every region are filled in. Calls reach this office only if the trunk’s Origination URI points here (your trunk → Origination).'),
    transportField,
    portField,
    callerIdField('A Twilio number on your account, or a verified caller ID, such as +14155550100.'),
  ],
  notes: [
    'Elastic SIP Trunks take no REGISTER: calls out carry digest authentication, and Twilio sends calls in to the Origination URI.',
    'Dial numbers in E.164 with the + (+14155550100); Twilio sends called numbers the same way.',
    'Media comes from 168.86.128.0/18 on UDP 10000–60000.',
    'Ports: 5060 UDP and TCP, 5061 TLS.',
  ],
  unconfirmed: [
    'The signalling ranges come from copies of twilio.com/docs/sip-trunking/ip-addresses (Google’s BYOC list and others), not from that page itself.',
    'Whether Twilio answers OPTIONS on the termination URI, so qualify is off.',
    'Whether Twilio takes the caller ID from P-Asserted-Identity; we send it in From.',
  ],
};

const vonage: ProviderTemplate = {
  id: 'vonage',
  displayName: 'Vonage',
  authType: 'credential',
  defaults: {
    ...notRegistering,
    server: 'sip.nexmo.com',
    codecs: ['PCMU', 'PCMA', 'G729'],
    dtmfMode: 'rfc4733',
    callerIdMode: 'from',
    inboundAddresses: ['5.10.112.121', '5.10.112.122', '119.81.44.6', '119.81.44.7', '169.60.141.29', '169.60.141.30'],
  },
  fields: [
    field('username', 'API key', 'The API key of your Vonage API account, shown in the Vonage API Dashboard.', true),
    passwordField('The API secret next to the API key in the Vonage API Dashboard.', 'API secret'),
    callerIdField('A Vonage number on this account; Vonage expects it as the caller in From.', true),
    inboundField('The addresses Vonage sends calls from. Vonage keeps the current list in its Knowledge Base; check it when calls in fail.'),
    field('server', 'SIP server', 'sip.nexmo.com, as in Vonage’s own PBX examples.', false),
    transportField,
    portField,
  ],
  notes: [
    'Vonage’s PBX examples do not register: calls out authenticate with the API key and secret, and a number’s calls come in when it is pointed at a SIP URI of this office.',
    'Codecs in Vonage’s examples: G.711 (PCMU in the US, PCMA elsewhere) and G.729; DTMF as RFC 4733 events.',
  ],
  unconfirmed: [
    'The signalling addresses: these six are from Vonage’s FreePBX example; Google’s BYOC list gives 216.147.0.1–216.147.5.2 instead.',
    'Whether the From number must carry the + (Vonage’s examples say only “long virtual number”).',
    'Regional server names (sip-us.nexmo.com, sip-eu.nexmo.com, sip-ap.nexmo.com).',
    'Where in the dashboard a number is pointed at a SIP URI, and where the API key is shown.',
  ],
};

const bandwidth: ProviderTemplate = {
  id: 'bandwidth',
  displayName: 'Bandwidth',
  authType: 'credential',
  defaults: {
    ...notRegistering,
    server: 'yourrealm.youraccount.auth.bandwidth.com',
    codecs: ['PCMU', 'PCMA'],
    dtmfMode: 'rfc4733',
    callerIdMode: 'from',
    qualify: false,
  },
  fields: [
    field('server', 'Realm address', 'Bandwidth App → SIP Credentials: the address of your realm, which ends in .auth.bandwidth.com.', true),
    field('username', 'SIP credential username', 'Bandwidth App → SIP Credentials: the username of a credential in that realm.', true),
    passwordField('The password you set on that SIP credential (Bandwidth keeps only a hash of it, so it cannot show it again).'),
    inboundField('Bandwidth sends calls in to the routes you set up for your numbers; list the addresses it sends from.'),
    transportField,
    portField,
    callerIdField('A Bandwidth number on your account, such as +14155550100.'),
  ],
  notes: [
    'Create a realm, then SIP credentials in it, and link your numbers (Bandwidth App → SIP Credentials).',
    'Calls in follow the routes and endpoints you configure for your numbers; Bandwidth’s Registrar is a separate product.',
    'For an IP-authenticated Bandwidth trunk set up by your account team, use the custom IP template.',
  ],
  unconfirmed: [
    'Bandwidth’s signalling addresses, ports and transports.',
    'Codecs and DTMF mode; we assume G.711 and RFC 4733.',
    'How Bandwidth reads the caller ID (From or P-Asserted-Identity).',
    'The exact form of a realm address beyond its ending in .auth.bandwidth.com; the default is a placeholder.',
    'Whether Bandwidth answers OPTIONS, so qualify is off.',
  ],
};

const voipms: ProviderTemplate = {
  id: 'voipms',
  displayName: 'VoIP.ms',
  authType: 'credential',
  defaults: { ...registering, server: 'seattle.voip.ms', codecs: ['PCMU', 'PCMA', 'G722'], dtmfMode: 'rfc4733', callerIdMode: 'from' },
  fields: [
    field(
      'username',
      'Account or sub-account',
      'Your 6-digit main account number, or a sub-account such as 123456_office (Customer Portal → Sub Accounts).',
      true,
    ),
    passwordField('The SIP password of that sub-account (set when you create it) or of the main account; not the password you sign in to the portal with.'),
    field('server', 'Server', 'A VoIP.ms server named after a city, such as seattle.voip.ms; use the one nearest this office.', false),
    transportField,
    portField,
    callerIdField('VoIP.ms sets the caller ID per account or sub-account in the portal; a number here is sent in From.'),
  ],
  notes: [
    'A sub-account just for this office keeps its calls, caller ID and limits apart from your phones.',
    'Sub-accounts can use username and password or IP authentication; this template is for username and password.',
    'Route your DIDs to the (sub-)account this trunk registers as, so their calls come over the registration.',
  ],
  unconfirmed: [
    'The list of server names and which server a DID’s calls come from.',
    'The codecs VoIP.ms offers; G.711 and G.722 are offered here.',
    'The registration interval VoIP.ms prefers; we ask for 600 seconds.',
    'The TLS port and whether TLS must be enabled on the account first.',
  ],
};

const flowroute: ProviderTemplate = {
  id: 'flowroute',
  displayName: 'Flowroute',
  authType: 'credential',
  defaults: { ...registering, server: 'us-west-or.sip.flowroute.com', codecs: ['PCMU', 'PCMA', 'G722'], dtmfMode: 'rfc4733', callerIdMode: 'pai' },
  fields: [
    field('username', 'SIP username', 'Flowroute Manager → Interconnection → Registration: the SIP username for registering.', true),
    passwordField('The SIP password on the same page of Flowroute Manager.'),
    field('server', 'Point of presence', 'The Flowroute PoP nearest you, such as us-west-or.sip.flowroute.com.', false),
    transportField,
    portField,
    callerIdField('One of your Flowroute numbers. Flowroute reads it from P-Asserted-Identity, then Remote-Party-ID, then From.'),
  ],
  notes: [
    'Dial every number in E.164; the leading + is optional. Called numbers arrive in E.164 too.',
    'DTMF is sent and received as RFC 4733 events only.',
    'One account allows 24 registrations; a number’s calls go to every registered device unless the number is routed to a host.',
    'With a static IP address Flowroute recommends IP authentication: use the custom IP template and set the route’s prepend to your 8-digit tech prefix and * (for example 12345678*).',
  ],
  unconfirmed: [
    'Flowroute’s registration server name and which username it expects for registration (the tech prefix or another value); the portal path is from memory.',
    'The names of Flowroute’s other PoPs (its documents show us-west-or.sip.flowroute.com and sip.flowroute.com).',
    'The codecs Flowroute offers; G.711 and G.722 are offered here.',
    'The registration interval Flowroute prefers; we ask for 600 seconds.',
  ],
};

const plivo: ProviderTemplate = {
  id: 'plivo',
  displayName: 'Plivo',
  authType: 'credential',
  defaults: { ...notRegistering, server: 'example.zt.plivo.com', codecs: ['PCMU', 'PCMA'], dtmfMode: 'rfc4733', callerIdMode: 'from' },
  fields: [
    field('server', 'Trunk domain', 'Plivo Console → Zentrunk → Outbound Trunks → your trunk: its domain, such as 21784177241578.zt.plivo.com.', true),
    field('username', 'Credential username', 'The username of the credential attached to that outbound trunk (Zentrunk → Credentials).', true),
    passwordField('The password of that credential.'),
    inboundField('Calls in come through an Inbound Trunk whose Primary URI points at this office; list the addresses Plivo sends from.'),
    transportField,
    portField,
    callerIdField('A Plivo number on your account, such as +14155550100.'),
  ],
  notes: [
    'Zentrunk takes no REGISTER (nor INFO or PRACK): calls out use digest authentication, calls in come to the Inbound Trunk’s URI.',
    'Codecs: PCMU and PCMA only; DTMF as RFC 4733 events. A secure trunk uses TLS and SRTP.',
    'By default the account may start 2 calls per second.',
  ],
  unconfirmed: [
    'Plivo’s signalling addresses for calls in and out.',
    'The TLS port (we assume 5061).',
    'How Plivo reads the caller ID (From or P-Asserted-Identity).',
  ],
};

const customCredential: ProviderTemplate = {
  id: 'custom-credential',
  displayName: 'Other provider (username and password)',
  authType: 'credential',
  defaults: { ...registering, server: 'sip.example.com', codecs: ['PCMU', 'PCMA'], dtmfMode: 'rfc4733', callerIdMode: 'from' },
  fields: [
    field('server', 'SIP server', 'The host name or address the provider gives for registration and calls, without sip: or a port.', true),
    field('username', 'SIP username', 'The user name the provider gave you for this trunk.', true),
    passwordField('The password the provider gave you for this trunk.'),
    field('authUsername', 'Authentication username', 'Only if the provider gives a separate “auth ID” for the password.', false),
    portField,
    transportField,
    field('fromUser', 'From user', 'Only if the provider wants a fixed user in our From header (often your account number).', false),
    field('fromDomain', 'From domain', 'Only if the provider wants a domain in From other than its server name.', false),
    callerIdField('The number calls out show when the route and extension set none, such as +14155550100.'),
  ],
  notes: ['Ask the provider for the server, port and transport, whether to register, and the number format it expects.'],
  unconfirmed: [],
};

const customIp: ProviderTemplate = {
  id: 'custom-ip',
  displayName: 'Other provider (IP address)',
  authType: 'ip',
  defaults: { ...notRegistering, server: 'sip.example.com', codecs: ['PCMU', 'PCMA'], dtmfMode: 'rfc4733', callerIdMode: 'from' },
  fields: [
    field('server', 'SIP server', 'Where calls out go: the provider’s host name or address, without sip: or a port.', true),
    inboundField('The provider’s addresses or ranges (such as 203.0.113.10 or 203.0.113.0/28); calls from anywhere else are refused.', true),
    portField,
    transportField,
    field('fromDomain', 'From domain', 'Only if the provider wants a domain in From other than its server name.', false),
    callerIdField('The number calls out show when the route and extension set none, such as +14155550100.'),
  ],
  notes: ['Give the provider this office’s public address: it accepts calls from there without a password.'],
  unconfirmed: [],
};

export const PROVIDER_TEMPLATES: readonly ProviderTemplate[] = [
  telnyx,
  signalwire,
  twilio,
  vonage,
  bandwidth,
  voipms,
  flowroute,
  plivo,
  customCredential,
  customIp,
];

export function findProviderTemplate(id: string): ProviderTemplate | undefined {
  return PROVIDER_TEMPLATES.find((template) => template.id === id);
}
