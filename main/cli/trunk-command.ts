import { isIP } from 'node:net';
import { z } from 'zod';
import { PROVIDER_TEMPLATES } from '../../shared/trunk-templates';
import { trunkSchema, type ProviderTemplate, type TrunkView } from '../../shared/trunks';
import { defaultDataDir } from '../pbx/config/data-dir';
import { TrunkRepository } from '../pbx/store/trunk-repository';
import { parseCommandArgs } from './cli-args';
import { openCliTrunkService } from './cli-trunk-service';
import { reportingContractErrors } from './contract-error-output';
import { openDataDirDatabase } from './data-dir-database';
import { UsageError } from './usage-error';

const HELP = `Usage: dialtone trunk <action> [options]

Actions:
  templates         The providers Dialtone knows and the fields each asks for.
  add <name> --template ID --field KEY=VALUE ... [--setting KEY=VALUE ...] [--disabled]
                    Create a trunk from a template (see "templates"), e.g.
                    --template telnyx --field username=me --field password=secret
  list              Show the stored trunks (never their passwords).
  set <name> [--field KEY=VALUE ...] [--setting KEY=VALUE ...] [--enable | --disable]
                    Change a trunk; a password not given stays as it was.
  test <name> [--bind ADDRESS]
                    Find the server, register (when the trunk does) and send
                    OPTIONS, from a SIP port of this command's own; each step
                    is printed. Exit code 0 only when every step passed.
  remove <name>     Delete a trunk.

Settings (--setting): codecs=PCMU,PCMA  dtmfMode=rfc4733|info|inband
  callerIdMode=from|pai|rpid  register=yes|no  registrationExpires=SECONDS
  qualify=yes|no  qualifyIntervalSeconds=SECONDS  maxChannels=N (0 = no limit)

Options:
  --data-dir DIR    The engine's data folder (default: ${defaultDataDir()})
  --bind ADDRESS    For "test": the local address to send from (default:
                    127.0.0.1 for a provider on loopback, else 0.0.0.0)

Works whether or not the engine is running; a running engine applies a change
within a few seconds.`;

const BOOLEAN_WORDS: Record<string, boolean> = { yes: true, true: true, on: true, '1': true, no: false, false: false, off: false, '0': false };

/** KEY=VALUE pairs from repeated options, as a form would send them. */
function keyValues(pairs: readonly string[] | undefined, option: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`${option} takes KEY=VALUE, not "${pair}".`);
    result[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return result;
}

/**
 * Settings typed on a command line are text; the trunk schema says what each
 * one is (a list, a yes/no, a number). Anything unreadable is passed on as
 * text, so the engine's validation names the setting and the problem.
 */
function typedSettings(text: Record<string, string>): Record<string, unknown> {
  const shape: Record<string, z.ZodType | undefined> = trunkSchema.shape;
  return Object.fromEntries(
    Object.entries(text).map(([key, value]) => {
      const type = shape[key];
      if (type instanceof z.ZodArray) return [key, value.split(',').map((v) => v.trim()).filter((v) => v !== '')];
      if (type instanceof z.ZodBoolean) return [key, BOOLEAN_WORDS[value.trim().toLowerCase()] ?? value];
      if (type instanceof z.ZodNumber && /^\d+$/.test(value.trim())) return [key, Number(value)];
      return [key, value];
    }),
  );
}

function describeTemplate(template: ProviderTemplate): string[] {
  const auth = template.authType === 'ip' ? 'by IP address' : 'username and password';
  const registers = template.defaults.register ? 'registers' : 'does not register';
  const lines = [`${template.id} — ${template.displayName} (${auth}; ${registers}; server ${template.defaults.server})`];
  for (const field of template.fields) lines.push(`    ${field.key}${field.required ? ' (required)' : ''}: ${field.label}. ${field.help}`);
  return lines;
}

function describeTrunk(trunk: TrunkView): string[] {
  const where = `${trunk.transport.toUpperCase()} ${trunk.server}:${trunk.port}`;
  const who = trunk.authType === 'ip' ? `by IP, calls accepted from ${trunk.inboundAddresses.join(', ') || 'nowhere'}` : `user ${trunk.username ?? '(none)'}${trunk.hasPassword ? ', password set' : ', no password'}`;
  const registration = trunk.register ? `registers every ${trunk.registrationExpires} s` : 'does not register';
  return [
    `${trunk.name}  ${trunk.enabled ? 'enabled' : 'disabled'}  ${trunk.template}  ${where}`,
    `    ${who}; ${registration}; codecs ${trunk.codecs.join(',')}; DTMF ${trunk.dtmfMode}; caller ID in ${trunk.callerIdMode}` +
      (trunk.outboundCallerId ? ` (${trunk.outboundCallerId})` : '') +
      (trunk.maxChannels > 0 ? `; at most ${trunk.maxChannels} calls` : ''),
  ];
}

/** A trunk test must send from an address that can reach the provider: loopback reaches only loopback. */
function testBindAddress(server: string, bind: string | undefined): string {
  if (bind !== undefined) {
    if (!isIP(bind)) throw new UsageError(`--bind takes an IP address, not "${bind}".`);
    return bind;
  }
  const host = server.replace(/^\[|\]$/g, '');
  if (host === '::1') return '::1';
  return host.startsWith('127.') || host === 'localhost' ? '127.0.0.1' : '0.0.0.0';
}

export async function runTrunkCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      'data-dir': { type: 'string' },
      template: { type: 'string' },
      field: { type: 'string', multiple: true },
      setting: { type: 'string', multiple: true },
      disabled: { type: 'boolean' },
      enable: { type: 'boolean' },
      disable: { type: 'boolean' },
      bind: { type: 'string' },
    },
    HELP,
    true,
  );
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [action, name, ...extra] = positionals;
  if (!action || extra.length > 0) throw new UsageError(HELP);
  if (action === 'templates') {
    for (const template of PROVIDER_TEMPLATES) console.log(describeTemplate(template).join('\n'));
    return 0;
  }
  if (action !== 'list' && !name) throw new UsageError(`Which trunk? dialtone trunk ${action} <name>`);
  const trunkName = name ?? '';
  const fields = keyValues(values.field, '--field');
  const settings = typedSettings(keyValues(values.setting, '--setting'));

  const db = openDataDirDatabase(values['data-dir']);
  const bind = action === 'test' ? testBindAddress(new TrunkRepository(db).get(trunkName)?.server ?? '', values.bind) : undefined;
  const trunks = openCliTrunkService(db, bind);
  const { service } = trunks;
  try {
    return await reportingContractErrors(async () => {
      switch (action) {
        case 'add': {
          if (!values.template) throw new UsageError('Which provider? --template ID (see: dialtone trunk templates)');
          const created = await service.create({ template: values.template, name: trunkName, enabled: !(values.disabled || values.disable), fields, settings });
          console.log(`Trunk ${created.name} created (${created.enabled ? 'enabled' : 'disabled'}).`);
          console.log(`  Check it with: dialtone trunk test ${created.name}`);
          return 0;
        }
        case 'list': {
          const rows = service.list().trunks;
          if (rows.length === 0) console.log('No trunks yet. See the providers with: dialtone trunk templates');
          for (const row of rows) console.log(describeTrunk(row).join('\n'));
          if (rows.length > 0) console.log('\nWhether a trunk is registered is known only to the running engine: see Admin → Trunks in the web UI, or run: dialtone trunk test NAME');
          return 0;
        }
        case 'set': {
          if (values.enable && values.disable) throw new UsageError('--enable or --disable, not both.');
          const enabled = values.enable ? true : values.disable ? false : undefined;
          const changes = { fields, settings, enabled };
          if (Object.keys(fields).length + Object.keys(settings).length === 0 && enabled === undefined) throw new UsageError('Nothing to change: give --field, --setting, --enable or --disable.');
          const updated = await service.update(trunkName, changes);
          console.log(`Trunk ${updated.name} updated (${updated.enabled ? 'enabled' : 'disabled'}).`);
          return 0;
        }
        case 'remove':
          await service.remove(trunkName);
          console.log(`Trunk ${trunkName} removed.`);
          return 0;
        case 'test': {
          await trunks.startSip();
          const result = await service.test(trunkName);
          for (const step of result.steps) console.log(`${step.ok ? '✓' : '✗'} ${step.text}`);
          console.log(result.ok ? `Trunk ${trunkName} works.` : `Trunk ${trunkName} does not work yet.`);
          return result.ok ? 0 : 1;
        }
        default:
          throw new UsageError(`Unknown action "${action}".\n\n${HELP}`);
      }
    });
  } finally {
    await trunks.stop();
    db.close();
  }
}
