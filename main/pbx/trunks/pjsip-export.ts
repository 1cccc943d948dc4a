import type { Trunk } from '../../../shared/trunks';
import { defaultPort } from '../sip/transport/flow';
import type { ExtensionRow } from '../store/extension-repository';

/** What an exported extension needs: its number, name, and the MD5 digest of its password with the realm it was made for. */
export type ExportedExtension = Pick<ExtensionRow, 'number' | 'name' | 'realm' | 'ha1Md5' | 'maxContacts'>;

export interface PjsipExportOptions {
  /**
   * `digest` (default): auth_type=digest, which Asterisk 20.12, 21.7, 22.2 and
   * later read; they convert md5_cred to password_digest=MD5:… themselves.
   * `legacy`: auth_type=userpass / md5, which older versions need and newer
   * ones still accept as deprecated aliases.
   */
  authStyle?: 'digest' | 'legacy';
}

type Option = [key: string, value: string | number | undefined];

/** Our codec names (SDP encoding names) as Asterisk's `allow=` knows them. */
const ASTERISK_CODECS: Record<string, string> = {
  pcmu: 'ulaw',
  pcma: 'alaw',
  g722: 'g722',
  g729: 'g729',
  gsm: 'gsm',
  opus: 'opus',
  ilbc: 'ilbc',
  speex: 'speex',
};

/** What phones are offered; Asterisk transcodes where it must. */
const EXTENSION_CODECS = 'ulaw,alaw,g722';

/** Dialplan contexts the exported endpoints land in; the dialplan itself is not exported. */
const TRUNK_CONTEXT = 'from-trunk';
const EXTENSION_CONTEXT = 'from-internal';

/**
 * A value as Asterisk reads it back: `;` starts a comment unless escaped
 * (main/config.c), and a line break cannot be written at all.
 */
function configValue(value: string | number, where: string): string {
  const text = String(value);
  if (/[\r\n]/.test(text)) throw new Error(`${where} contains a line break, which pjsip.conf cannot hold.`);
  return text.replace(/;/g, '\\;');
}

function section(name: string, type: string, options: Option[], where: string): string {
  const lines = [`[${name}]`, `type=${type}`];
  for (const [key, value] of options) {
    if (value !== undefined && value !== '') lines.push(`${key}=${configValue(value, `${where} (${key})`)}`);
  }
  return lines.join('\n');
}

function asteriskCodecs(codecs: readonly string[]): { allow: string; dropped: string[] } {
  const allow: string[] = [];
  const dropped: string[] = [];
  for (const codec of codecs) {
    const name = ASTERISK_CODECS[codec.toLowerCase()];
    if (name) allow.push(name);
    else dropped.push(codec);
  }
  return { allow: allow.join(','), dropped };
}

function sipUri(trunk: Trunk, user?: string): string {
  const transport = trunk.transport === 'udp' ? '' : `;transport=${trunk.transport}`;
  return `sip:${user ? `${user}@` : ''}${trunk.server}:${trunk.port}${transport}`;
}

function transportSection(protocol: Trunk['transport']): string {
  const lines = [`[transport-${protocol}]`, 'type=transport', `protocol=${protocol}`, `bind=0.0.0.0:${defaultPort(protocol)}`];
  if (protocol === 'tls') lines.push(';cert_file=/etc/asterisk/keys/asterisk.crt  ; set these before loading', ';priv_key_file=/etc/asterisk/keys/asterisk.key');
  return lines.join('\n');
}

function trunkSections(trunk: Trunk, style: 'digest' | 'legacy'): string[] {
  const where = `Trunk ${trunk.name}`;
  const transport = `transport-${trunk.transport}`;
  const authName = `${trunk.name}-auth`;
  const credential = trunk.authType === 'credential';
  const authUser = trunk.authUsername ?? trunk.username;
  const { allow, dropped } = asteriskCodecs(trunk.codecs);
  const out = [`; === Trunk ${trunk.name}: ${trunk.displayName} (template ${trunk.template}) ===`];

  if (trunk.register) {
    out.push(
      section(
        trunk.name,
        'registration',
        [
          ['transport', transport],
          ['outbound_auth', credential ? authName : undefined],
          ['server_uri', sipUri(trunk)],
          ['client_uri', sipUri(trunk, trunk.username)],
          ['contact_user', trunk.username],
          ['expiration', trunk.registrationExpires],
          ['retry_interval', 60],
        ],
        where,
      ),
    );
  }
  if (credential) {
    out.push(
      section(
        authName,
        'auth',
        [
          ['auth_type', style === 'digest' ? 'digest' : 'userpass'],
          ['username', authUser],
          ['password', trunk.password],
        ],
        where,
      ),
    );
  }
  out.push(section(trunk.name, 'aor', [['contact', sipUri(trunk)], ['qualify_frequency', trunk.qualify ? trunk.qualifyIntervalSeconds : 0]], where));

  const endpoint = section(
    trunk.name,
    'endpoint',
    [
      ['transport', transport],
      ['context', TRUNK_CONTEXT],
      ['disallow', 'all'],
      ['allow', allow || 'ulaw'],
      ['outbound_auth', credential ? authName : undefined],
      ['aors', trunk.name],
      ['from_user', trunk.fromUser],
      ['from_domain', trunk.fromDomain],
      ['dtmf_mode', trunk.dtmfMode],
      ['send_pai', trunk.callerIdMode === 'pai' ? 'yes' : undefined],
      ['send_rpid', trunk.callerIdMode === 'rpid' ? 'yes' : undefined],
      ['direct_media', 'no'],
      ['rtp_symmetric', 'yes'],
      ['force_rport', 'yes'],
      ['rewrite_contact', 'yes'],
    ],
    where,
  );
  const remarks: string[] = [];
  if (dropped.length > 0) remarks.push(`; not offered (Asterisk has no name for them here): ${dropped.join(', ')}`);
  if (trunk.outboundCallerId) remarks.push(`; calls out show ${trunk.outboundCallerId}: set CALLERID(num) in the dialplan`);
  if (trunk.maxChannels > 0) remarks.push(`; at most ${trunk.maxChannels} calls at once: enforce with GROUP() and GROUP_COUNT() in the dialplan`);
  out.push([endpoint, ...remarks].join('\n'));

  // Calls in are matched by source address: the provider's addresses, and for credential trunks its server too.
  const matches = [...(credential ? [trunk.server] : []), ...trunk.inboundAddresses];
  if (matches.length > 0) {
    out.push(section(trunk.name, 'identify', [['endpoint', trunk.name], ...matches.map((m): Option => ['match', m])], where));
  }
  return out;
}

function quotedName(name: string): string {
  return `"${name.replace(/["\\]/g, '\\$&')}"`;
}

function extensionSections(ext: ExportedExtension, style: 'digest' | 'legacy'): string[] {
  const where = `Extension ${ext.number}`;
  return [
    `; === Extension ${ext.number}${ext.name ? `: ${configValue(ext.name, where)}` : ''} ===`,
    section(
      ext.number,
      'endpoint',
      [
        ['context', EXTENSION_CONTEXT],
        ['disallow', 'all'],
        ['allow', EXTENSION_CODECS],
        ['auth', ext.number],
        ['aors', ext.number],
        ['callerid', `${ext.name ? `${quotedName(ext.name)} ` : ''}<${ext.number}>`],
        ['direct_media', 'no'],
        ['rtp_symmetric', 'yes'],
        ['force_rport', 'yes'],
        ['rewrite_contact', 'yes'],
      ],
      where,
    ),
    section(
      ext.number,
      'auth',
      [
        ['auth_type', style === 'digest' ? 'digest' : 'md5'],
        ['username', ext.number],
        ['realm', ext.realm],
        ['md5_cred', ext.ha1Md5],
      ],
      where,
    ),
    section(ext.number, 'aor', [['max_contacts', ext.maxContacts], ['remove_existing', 'yes']], where),
  ];
}

const HEADER = `; pjsip.conf written by Dialtone.
;
; Extensions: Dialtone keeps only a digest of each password, HA1 = MD5(number:realm:password),
; so their auth sections carry md5_cred= and the realm= the digest was made with. Keep that
; realm: Asterisk challenges phones with it, and under any other realm every phone's
; password fails until it is set again. Asterisk 20.12, 21.7, 22.2 and later read md5_cred
; with auth_type=digest (as password_digest=MD5:...); older versions need auth_type=md5.
; Only MD5 can be exported: a SHA-256 digest cannot be made from an MD5 one.
;
; Trunks: registration, auth, aor, endpoint and identify sections per trunk. Calls land in
; the dialplan contexts ${TRUNK_CONTEXT} (trunks) and ${EXTENSION_CONTEXT} (phones), which
; you write yourself.`;

/** pjsip.conf text for these trunks and extensions, ready for Asterisk's res_pjsip. */
export function exportPjsip(trunks: readonly Trunk[], extensions: readonly ExportedExtension[], options: PjsipExportOptions = {}): string {
  const style = options.authStyle ?? 'digest';
  const enabled = trunks.filter((t) => t.enabled);
  const protocols = [...new Set<Trunk['transport']>(['udp', ...enabled.map((t) => t.transport)])];
  const blocks = [
    HEADER,
    ...protocols.map(transportSection),
    ...trunks.filter((t) => !t.enabled).map((t) => `; Trunk ${t.name} is disabled in Dialtone and is not exported.`),
    ...enabled.flatMap((t) => trunkSections(t, style)),
    ...extensions.flatMap((e) => extensionSections(e, style)),
  ];
  return `${blocks.join('\n\n')}\n`;
}
