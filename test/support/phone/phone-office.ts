import { expect } from '@playwright/test';
import { ADMIN_PASSWORD, startEngine, type EngineProcess } from '../engine-process';
import { connectContract, type ContractClient } from '../peers/contract-client';

export interface Extension {
  number: string;
  name: string;
  password: string;
}

/**
 * A Dialtone engine as a child process (`dialtone serve`, free ports) with
 * the extensions of a test, and the admin's contract connection to it.
 */
export class PhoneOffice {
  private constructor(
    public engine: EngineProcess,
    public admin: ContractClient,
    readonly extensions: readonly Extension[],
  ) {}

  static async start(extensions: readonly Extension[]): Promise<PhoneOffice> {
    const engine = await startEngine();
    const admin = await connectContract(engine.url, 'admin', ADMIN_PASSWORD);
    for (const extension of extensions) await admin.call('extensions.create', extension);
    return new PhoneOffice(engine, admin, extensions);
  }

  get url(): string {
    return this.engine.url;
  }

  /** The engine's SIP UDP port, from its "SIP:" line (which may come a moment after "Web UI:"). */
  async sipPort(): Promise<number> {
    const line = /SIP:.*UDP (\d+)/;
    await expect.poll(() => line.test(this.engine.output()), { message: `no SIP line in:\n${this.engine.output()}`, timeout: 5_000 }).toBe(true);
    return Number(line.exec(this.engine.output())?.[1]);
  }

  /**
   * Stops the engine (SIGTERM) and starts it again on the same data folder
   * and web port; `whileDown` runs in between. Resolves once it is ready.
   */
  async restart(whileDown: () => Promise<void> = async () => undefined): Promise<void> {
    this.admin.close();
    const { dataDir, httpPort } = this.engine;
    // Its exit code is foundation.spec's concern; here only the phone's recovery is.
    await this.engine.stop();
    await whileDown();
    this.engine = await startEngine({ dataDir, httpPort });
    this.admin = await connectContract(this.engine.url, 'admin', ADMIN_PASSWORD);
  }

  async stop(): Promise<void> {
    this.admin.close();
    await this.engine.stop();
  }
}
