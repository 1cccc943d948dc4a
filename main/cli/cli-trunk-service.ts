import { EngineEvents } from '../pbx/engine-events';
import { createSilentLogger } from '../pbx/logger';
import { contactFor } from '../pbx/signalling/local-contact';
import { SipStack } from '../pbx/sip/sip-stack';
import type { TransactionUser } from '../pbx/sip/transaction/transaction-layer';
import { createResponse } from '../pbx/sip/ua/response-builder';
import type { Db } from '../pbx/store/database';
import { ExtensionRepository } from '../pbx/store/extension-repository';
import { RoutingRepository } from '../pbx/store/routing-repository';
import { SettingsRepository } from '../pbx/store/settings-repository';
import { TrunkRepository } from '../pbx/store/trunk-repository';
import { TrunkManager } from '../pbx/trunks/trunk-manager';
import { TrunkService } from '../pbx/trunks/trunk-service';

/**
 * The CLI only writes the store; the running engine, not this short-lived
 * process, registers and qualifies trunks (it sees the change through PRAGMA
 * data_version within a couple of seconds, TrunkService.start). Tests
 * (`trunk test`) still run here, on this process's own SIP stack.
 */
class StoreOnlyTrunkManager extends TrunkManager {
  override async apply(): Promise<void> {}
}

/** Whatever reaches the CLI's temporary stack is not for it: the engine takes calls. */
const NOT_THE_ENGINE: TransactionUser = {
  onRequest: (transaction, inbound) => transaction.respond(createResponse(inbound.message, 503, 'Service Unavailable (a dialtone trunk test, not the engine)')),
  onAck: () => undefined,
  onCancel: () => undefined,
};

export interface CliTrunkService {
  readonly service: TrunkService;
  /** Opens the SIP stack (UDP and TCP on a free port of `bind`), for `trunk test` only. */
  startSip(): Promise<void>;
  stop(): Promise<void>;
}

/** The engine's TrunkService on the data folder's store, so the CLI validates exactly as the engine and the UI do. */
export function openCliTrunkService(db: Db, bind = '127.0.0.1'): CliTrunkService {
  const trunks = new TrunkRepository(db);
  const settings = new SettingsRepository(db);
  let service!: TrunkService;
  let started = false;
  const sip: SipStack = new SipStack({ transport: { addresses: [bind], port: 0 } }, (transactions) => {
    const manager = new StoreOnlyTrunkManager({
      transactions,
      contactFor: (target) => contactFor(sip.transport, target, 0),
      events: new EngineEvents(),
      logger: createSilentLogger(),
    });
    service = new TrunkService({ db, trunks, routing: new RoutingRepository(db), extensions: new ExtensionRepository(db), settings: () => settings.get(), manager });
    return NOT_THE_ENGINE;
  });
  return {
    service,
    async startSip() {
      await sip.start();
      started = true;
    },
    async stop() {
      if (started) await sip.stop();
    },
  };
}
