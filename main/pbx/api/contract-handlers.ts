import type { ActiveCall } from '../../../shared/call-records';
import type { EngineStatus } from '../../../shared/contract';
import type { CallRecordRepository } from '../store/call-record-repository';
import type { EngineEvents } from '../engine-events';
import { parseExtensionCsv, type ExtensionAdmin } from '../extensions/extension-admin';
import type { LocationService } from '../registrar/location-service';
import { registrationView } from '../registrar/registration-view';
import type { ExtensionRepository, ExtensionRow } from '../store/extension-repository';
import type { SettingsRepository } from '../store/settings-repository';
import type { DirectoryEntry } from '../../../shared/contacts';
import { ContractError } from '../../../shared/errors';
import type { ContactBook } from '../contacts/contact-book';
import type { PhoneConnection } from '../../../shared/phone';
import type { ProviderTemplate } from '../../../shared/trunks';
import { importPjsipUsers } from '../trunks/pjsip-import';
import type { TrunkService } from '../trunks/trunk-service';
import type { Caller, ChannelHandlers } from './contract-dispatch';

export interface HandlerDeps {
  contacts: ContactBook;
  directory(): DirectoryEntry[];
  trunks: TrunkService;
  templates: readonly ProviderTemplate[];
  exportPjsip(): string;
  phoneConnection(caller: Caller): Promise<PhoneConnection>;
  calls: { active(): ActiveCall[] };
  records: CallRecordRepository;
  settings: SettingsRepository;
  events: EngineEvents;
  status: () => EngineStatus;
  extensions: ExtensionRepository;
  extensionAdmin: ExtensionAdmin;
  location: LocationService;
}

/** Field errors of a nested input come back under its name, as the schema's own errors do ("route.patterns.0"). */
function inField<T>(name: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ContractError) || !error.fields) throw error;
    const fields = Object.fromEntries(Object.entries(error.fields).map(([key, message]) => [`${name}.${key}`, message]));
    throw new ContractError(error.code, error.message, fields);
  }
}

/** The engine's side of every contract channel. The type makes a missing handler a compile error. */
export function createContractHandlers(deps: HandlerDeps): ChannelHandlers {
  const summary = (row: ExtensionRow) => ({
    number: row.number,
    name: row.name,
    digestAlgorithms: row.digestAlgorithms ?? null,
    maxContacts: row.maxContacts,
    ringTimeout: row.ringTimeout,
    registrations: deps.location.lookup(row.number).map(registrationView),
  });
  return {
    'engine.status': () => deps.status(),
    'session.whoami': (_input, caller) => ({ username: caller.username, role: caller.role }),
    'settings.get': () => deps.settings.get(),
    'settings.update': (patch) => {
      const next = deps.settings.update(patch);
      deps.events.emit('settings.changed', next);
      return next;
    },
    'extensions.list': () => deps.extensions.list().map(summary),
    'extensions.update': (input) => summary(deps.extensionAdmin.update(input)),
    'extensions.create': (input) => {
      const created = deps.extensionAdmin.create(input);
      return { number: created.number, generatedPassword: created.generatedPassword ?? null };
    },
    'extensions.remove': ({ number }) => {
      deps.extensionAdmin.remove(number);
      deps.location.removeExtension(number);
      return { number };
    },
    'extensions.import': ({ csv }) => deps.extensionAdmin.createMany(parseExtensionCsv(csv)),
    'phone.connection': (_input, caller) => deps.phoneConnection(caller),
    'trunks.templates': () => [...deps.templates],
    'trunks.list': () => deps.trunks.list(),
    'trunks.create': (input) => deps.trunks.create(input),
    'trunks.update': ({ name, ...changes }) => deps.trunks.update(name, changes),
    'trunks.remove': async ({ name }) => {
      await deps.trunks.remove(name);
      return { name };
    },
    'trunks.test': ({ name }) => deps.trunks.test(name),
    'routes.list': () => deps.trunks.routes(),
    'routes.saveOutbound': ({ route, position }) => {
      inField('route', () => deps.trunks.saveOutbound(route, position));
      return { name: route.name };
    },
    'routes.removeOutbound': ({ name }) => {
      if (!deps.trunks.removeOutbound(name)) throw new ContractError('E_NOT_FOUND', `There is no route named ${name}.`);
      return { name };
    },
    'routes.saveInbound': ({ route }) => {
      inField('route', () => deps.trunks.saveInbound(route));
      return { did: route.did };
    },
    'routes.removeInbound': ({ did, trunk }) => {
      if (!deps.trunks.removeInbound(did, trunk)) throw new ContractError('E_NOT_FOUND', `There is no inbound route for ${did}.`);
      return { did };
    },
    'routes.setPolicy': ({ policy }) => deps.trunks.setPolicy(policy),
    'routes.simulate': ({ from, dialled }) => deps.trunks.simulate(from, dialled),
    'pjsip.export': () => ({ text: deps.exportPjsip() }),
    'pjsip.import': ({ text }) => {
      const parsed = importPjsipUsers(text);
      const result = parsed.extensions.length > 0 ? deps.extensionAdmin.createMany(parsed.extensions) : { created: 0 };
      return { created: result.created, skipped: parsed.skipped };
    },
    'contacts.list': (_input, caller) => deps.contacts.list(caller),
    'contacts.save': (input, caller) => deps.contacts.save(input, caller),
    'contacts.remove': ({ id }, caller) => {
      deps.contacts.remove(id, caller);
      return { id };
    },
    'directory.list': () => deps.directory(),
    'calls.active': (_input, caller) => deps.calls.active().filter((c) => caller.role === 'admin' || c.caller === caller.username || c.callee === caller.username),
    'calls.history': (query, caller) => deps.records.list({ ...query, extension: caller.role === 'admin' ? query.extension : caller.username }),
  };
}
