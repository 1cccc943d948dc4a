import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBaresipPhone, type BaresipPhone } from '../calls/baresip-phone';
import { tone, writeWav } from '../calls/wav-file';
import type { Extension, PhoneOffice } from './phone-office';

/**
 * A desk phone of the office: baresip registered as `extension` over UDP,
 * its microphone a `toneHz` sine (so the far end can tell it apart), its
 * own folder removed when it stops. It answers calls by itself.
 */
export async function startSipPhone(office: PhoneOffice, extension: Extension, toneHz: number): Promise<BaresipPhone> {
  const dir = mkdtempSync(join(tmpdir(), `dialtone-baresip-${extension.number}-`));
  const sourceWav = join(dir, 'microphone.wav');
  writeWav(sourceWav, tone(toneHz, 30, 8000));
  const phone = await startBaresipPhone({ dir, user: extension.number, password: extension.password, registrar: { host: '127.0.0.1', port: await office.sipPort() }, sourceWav });
  await phone.process.waitFor(new RegExp(`${extension.number}@127\\.0\\.0\\.1[^\\n]*200 OK`), 10_000);
  return {
    ...phone,
    async stop() {
      await phone.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
