import { ContractError } from '../../shared/errors';
import { dialPolicySchema, inboundRouteSchema, outboundRouteSchema, type DialPolicy, type RouteDecision } from '../../shared/routing';
import { defaultDataDir } from '../pbx/config/data-dir';
import type { TrunkService } from '../pbx/trunks/trunk-service';
import { parseCommandArgs } from './cli-args';
import { openCliTrunkService } from './cli-trunk-service';
import { parsedOrRefused, reportingContractErrors } from './contract-error-output';
import { openDataDirDatabase } from './data-dir-database';
import { UsageError } from './usage-error';

const HELP = `Usage: dialtone route <action> [options]

Calls out (outbound routes, tried in order; the first whose pattern matches wins):
  add <name> --pattern P [--pattern P ...] --trunk T [--trunk T ...]
      [--prepend DIGITS] [--caller-id +E164] [--position N] [--disabled]
                    Add a route, or replace the one with this name. Patterns:
                    '9|NXXNXXXXXX' (dial 9 first; it is stripped), X = 0-9,
                    Z = 1-9, N = 2-9, [1-5] a set, '.' one or more of anything.
                    Trunks are tried in the order given (the next when one
                    fails). --position 1 puts the route first.
  list              Routes out and in, and the dialling policy.
  remove <name>     Delete a route out.
  simulate <extension> <number>
                    What a call from that extension to that number would do, and why.

Calls in (by the number the provider calls, in E.164, or * for every other):
  inbound add <+E164|*> --extension N [--trunk T]
  inbound list
  inbound remove <+E164|*> [--trunk T]

Calls abroad (denied unless allowed):
  allow-country CC / deny-country CC
                    Put a country (ISO code such as DE) on the allow-list, or take it off.
  allow-abroad EXT / deny-abroad EXT
                    Let an extension call any country, or stop it.

Options:
  --data-dir DIR    The engine's data folder (default: ${defaultDataDir()})

Works whether or not the engine is running; a running engine uses the change
on its next call.`;

function describeDecision(decision: RouteDecision): string {
  switch (decision.outcome) {
    case 'extension':
      return `Rings extension ${decision.number}.`;
    case 'trunk':
      return `Goes out as ${decision.number} through ${decision.trunks.join(', then ')} (route "${decision.route}"), caller ID ${decision.callerId ?? 'none'}${decision.emergency ? ', as an emergency call' : ''}.`;
    case 'denied':
      return `Refused with ${decision.status}.`;
  }
}

function printOutbound({ outbound }: ReturnType<TrunkService['routes']>): void {
  console.log('Routes out (tried in this order):');
  if (outbound.length === 0) console.log('  none yet: dialtone route add NAME --pattern P --trunk T');
  outbound.forEach((route, index) => {
    const extras = [route.prepend ? `prepend ${route.prepend}` : '', route.callerId ? `caller ID ${route.callerId}` : '', route.enabled ? '' : 'disabled'].filter((s) => s !== '');
    console.log(`  ${index + 1}. ${route.name}: ${route.patterns.join(' ')} → ${route.trunks.join(', then ')}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}`);
  });
}

function printInbound({ inbound }: ReturnType<TrunkService['routes']>): void {
  console.log('Routes in:');
  if (inbound.length === 0) console.log('  none yet: dialtone route inbound add +E164 --extension N');
  for (const route of inbound) {
    const to = route.destination.type === 'extension' ? `extension ${route.destination.number}` : `refused with ${route.destination.status}`;
    console.log(`  ${route.did} → ${to} (${route.trunk ? `from trunk ${route.trunk}` : 'from any trunk'})`);
  }
}

function printPolicy(policy: DialPolicy): void {
  console.log(`Calls abroad allowed to: ${policy.internationalAllowList.join(', ') || 'no country'}.`);
  console.log(`Extensions that may call any country: ${policy.internationalExtensions.join(', ') || 'none'}.`);
}

/** Adds `item` to or removes it from one list of the dialling policy, through the same checks as the UI. */
function changePolicy(service: TrunkService, list: keyof DialPolicy, item: string, add: boolean): DialPolicy {
  const policy = service.routes().policy;
  const others = policy[list].filter((entry) => entry !== item);
  return service.setPolicy(parsedOrRefused(dialPolicySchema, { ...policy, [list]: add ? [...others, item] : others }));
}

function positionIndex(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,3}$/.test(text)) throw new UsageError(`--position takes 1 (tried first), 2, …, not "${text}".`);
  return Number(text) - 1;
}

const OPTIONS = {
  'data-dir': { type: 'string' },
  pattern: { type: 'string', multiple: true },
  trunk: { type: 'string', multiple: true },
  prepend: { type: 'string' },
  'caller-id': { type: 'string' },
  position: { type: 'string' },
  disabled: { type: 'boolean' },
  extension: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

/** Exactly `count` words after the action, or a usage error that says what was expected. */
function operands(words: readonly string[], count: number, usage: string): string[] {
  if (words.length !== count) throw new UsageError(`Usage: dialtone route ${usage}`);
  return [...words];
}

function oneTrunk(values: Values): string | undefined {
  if ((values.trunk?.length ?? 0) > 1) throw new UsageError('An inbound route takes one --trunk.');
  return values.trunk?.[0];
}

function runOutbound(service: TrunkService, action: string, words: string[], values: Values): number {
  switch (action) {
    case 'add': {
      const [name = ''] = operands(words, 1, 'add <name> --pattern P --trunk T');
      const route = parsedOrRefused(outboundRouteSchema, {
        name,
        enabled: !values.disabled,
        patterns: values.pattern ?? [],
        prepend: values.prepend ?? '',
        trunks: values.trunk ?? [],
        ...(values['caller-id'] === undefined ? {} : { callerId: values['caller-id'] }),
      });
      const existed = service.routes().outbound.some((r) => r.name === name);
      service.saveOutbound(route, positionIndex(values.position));
      console.log(`Route ${name} ${existed ? 'replaced' : 'added'}.`);
      return 0;
    }
    case 'list': {
      operands(words, 0, 'list');
      const routes = service.routes();
      printOutbound(routes);
      printInbound(routes);
      printPolicy(routes.policy);
      return 0;
    }
    case 'remove': {
      const [name = ''] = operands(words, 1, 'remove <name>');
      if (!service.removeOutbound(name)) throw new ContractError('E_NOT_FOUND', `There is no route named ${name}.`);
      console.log(`Route ${name} removed.`);
      return 0;
    }
    case 'simulate': {
      const [from = '', dialled = ''] = operands(words, 2, 'simulate <extension> <number>');
      const decision = service.simulate(from, dialled);
      console.log(describeDecision(decision));
      console.log(decision.explanation);
      return 0;
    }
    default:
      throw new UsageError(`Unknown action "${action}".\n\n${HELP}`);
  }
}

function runInbound(service: TrunkService, words: string[], values: Values): number {
  const [sub, ...rest] = words;
  switch (sub) {
    case 'add': {
      const [did = ''] = operands(rest, 1, 'inbound add <+E164|*> --extension N [--trunk T]');
      if (values.extension === undefined) throw new UsageError('Which extension? --extension N');
      const trunk = oneTrunk(values);
      service.saveInbound(parsedOrRefused(inboundRouteSchema, { did, ...(trunk ? { trunk } : {}), destination: { type: 'extension', number: values.extension } }));
      console.log(`Calls to ${did}${trunk ? ` from trunk ${trunk}` : ''} ring extension ${values.extension}.`);
      return 0;
    }
    case 'list':
      operands(rest, 0, 'inbound list');
      printInbound(service.routes());
      return 0;
    case 'remove': {
      const [did = ''] = operands(rest, 1, 'inbound remove <+E164|*> [--trunk T]');
      const trunk = oneTrunk(values);
      if (!service.removeInbound(did, trunk)) throw new ContractError('E_NOT_FOUND', `There is no inbound route for ${did}${trunk ? ` from trunk ${trunk}` : ' from any trunk'}.`);
      console.log(`Inbound route ${did} removed.`);
      return 0;
    }
    default:
      throw new UsageError(`dialtone route inbound takes add, list or remove.\n\n${HELP}`);
  }
}

function runPolicy(service: TrunkService, action: string, words: string[]): number {
  const country = action.endsWith('-country');
  const [item = ''] = operands(words, 1, country ? `${action} <country code such as DE>` : `${action} <extension>`);
  const policy = changePolicy(service, country ? 'internationalAllowList' : 'internationalExtensions', country ? item.toUpperCase() : item, action.startsWith('allow-'));
  printPolicy(policy);
  return 0;
}

export async function runRouteCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, HELP, true);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [action, ...words] = positionals;
  if (!action) throw new UsageError(HELP);
  const db = openDataDirDatabase(values['data-dir']);
  const { service, stop } = openCliTrunkService(db);
  try {
    return await reportingContractErrors(() => {
      if (action === 'inbound') return runInbound(service, words, values);
      if (['allow-country', 'deny-country', 'allow-abroad', 'deny-abroad'].includes(action)) return runPolicy(service, action, words);
      return runOutbound(service, action, words, values);
    });
  } finally {
    await stop();
    db.close();
  }
}
