import { createExtensionSchema } from '../../../shared/extensions';
import type { NewExtension } from '../extensions/extension-admin';
import { optionValue, parseAsteriskConfig, type ConfigSection } from './pjsip-config-parser';

export interface SkippedSection {
  /** `[name]` and its line, as a person finds it in the file. */
  section: string;
  reason: string;
}

export interface PjsipUserImport {
  /** Ready for ExtensionAdmin.createMany: number, name, password. */
  extensions: NewExtension[];
  skipped: SkippedSection[];
}

function label(s: ConfigSection): string {
  return `[${s.name}] (line ${s.line})`;
}

/** The name in `callerid="Front Desk" <1001>` or `Front Desk <1001>`; '' when there is none. */
export function callerIdName(callerid: string | undefined): string {
  if (!callerid) return '';
  const quoted = /^\s*"((?:[^"\\]|\\.)*)"/.exec(callerid);
  if (quoted) return (quoted[1] as string).replace(/\\(.)/g, '$1').trim();
  const lt = callerid.indexOf('<');
  return (lt === -1 ? '' : callerid.slice(0, lt)).trim();
}

/** First entry of a comma-separated list option (auth=, aors=). */
function firstOf(list: string | undefined): string | undefined {
  return list?.split(',')[0]?.trim() || undefined;
}

/**
 * The phones of a pjsip_users.conf: each endpoint with an inbound `auth=`
 * whose auth section has a plain `password=` becomes an extension (number =
 * section name, name from `callerid=`). Everything else is reported in
 * `skipped` with the reason, so nothing disappears without a word.
 */
export function importPjsipUsers(text: string): PjsipUserImport {
  const { sections, problems } = parseAsteriskConfig(text);
  const skipped: SkippedSection[] = problems.map((p) => ({ section: `line ${p.line}`, reason: p.message }));
  const objects = sections.filter((s) => !s.isTemplate);
  const ofType = (type: string) => objects.filter((s) => optionValue(s, 'type') === type);
  const auths = new Map(ofType('auth').map((s) => [s.name, s]));
  const aors = new Map(ofType('aor').map((s) => [s.name, s]));
  const usedAuths = new Set<string>();
  const usedAors = new Set<string>();
  const extensions: NewExtension[] = [];

  for (const endpoint of ofType('endpoint')) {
    const authName = firstOf(optionValue(endpoint, 'auth'));
    const aorNames = (optionValue(endpoint, 'aors') ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '');
    aorNames.forEach((a) => usedAors.add(a));
    if (authName) usedAuths.add(authName);
    const auth = authName ? auths.get(authName) : undefined;
    const reason = skipReason(endpoint, authName, auth, aorNames, aors, extensions);
    if (reason) {
      skipped.push({ section: label(endpoint), reason });
      continue;
    }
    extensions.push({
      number: endpoint.name,
      name: callerIdName(optionValue(endpoint, 'callerid')) || undefined,
      password: optionValue(auth as ConfigSection, 'password'),
    });
  }

  for (const s of objects) {
    const type = optionValue(s, 'type');
    if (type === 'endpoint') continue;
    if (type === 'auth' && usedAuths.has(s.name)) continue;
    if (type === 'aor' && usedAors.has(s.name)) continue;
    const why =
      type === undefined
        ? 'it has no type=.'
        : type === 'auth' || type === 'aor'
          ? `no endpoint uses this ${type}.`
          : `type=${type} is not part of a phone (only endpoint, auth and aor sections are).`;
    skipped.push({ section: label(s), reason: why });
  }
  return { extensions, skipped };
}

function skipReason(
  endpoint: ConfigSection,
  authName: string | undefined,
  auth: ConfigSection | undefined,
  aorNames: readonly string[],
  aors: ReadonlyMap<string, ConfigSection>,
  taken: readonly NewExtension[],
): string | undefined {
  if (!authName) return 'the endpoint has no auth= (no inbound authentication): a trunk or an open endpoint, not a phone.';
  if (!auth) return `auth=${authName} names an auth section that is not in the file.`;
  if (aorNames.length === 0) return 'the endpoint has no aors=, so no phone could register to it.';
  const missingAor = aorNames.find((a) => !aors.has(a));
  if (missingAor) return `aors=${missingAor} names an aor section that is not in the file.`;
  const username = optionValue(auth, 'username');
  if (!username) return 'its auth has no username= (Asterisk refuses such an auth as well).';
  if (username !== endpoint.name) {
    return `its auth username is “${username}”, but Dialtone's phones sign in with the extension number (${endpoint.name}).`;
  }
  const password = optionValue(auth, 'password');
  if (!password) {
    return optionValue(auth, 'md5_cred') || optionValue(auth, 'password_digest')
      ? 'its auth has only a digest (md5_cred/password_digest), not the password; Dialtone needs the password to make its own digests. Add the extension with a new password.'
      : 'its auth has no password=.';
  }
  if (taken.some((e) => e.number === endpoint.name)) return `extension ${endpoint.name} appears twice; the first one is imported.`;
  const check = createExtensionSchema.safeParse({ number: endpoint.name, password });
  const issue = check.success ? undefined : check.error.issues[0];
  if (issue) return `${String(issue.path[0] ?? 'number')}: ${issue.message}`;
  return undefined;
}
