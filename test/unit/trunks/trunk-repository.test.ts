import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/pbx/store/database';
import { TrunkRepository } from '../../../main/pbx/store/trunk-repository';
import { buildTrunk, type TrunkDraft } from '../../../main/pbx/trunks/trunk-validation';
import type { Trunk } from '../../../shared/trunks';

function tempFile() {
  return join(mkdtempSync(join(tmpdir(), 'dialtone-trunks-')), 'test.sqlite');
}

function trunk(draft: TrunkDraft): Trunk {
  const result = buildTrunk(draft);
  if (!result.ok) throw new Error(JSON.stringify(result.fields));
  return result.trunk;
}

const telnyx = trunk({
  template: 'telnyx',
  name: 'main',
  fields: { username: 'oakridge', password: 'p;w=with"odd\'chars', outboundCallerId: '+14155550100' },
  settings: { codecs: ['G722', 'PCMU'], maxChannels: 8 },
});
const carrier = trunk({ template: 'custom-ip', name: 'carrier', fields: { server: 'sbc.carrier.example', inboundAddresses: '203.0.113.10, 198.51.100.0/28' } });

describe('the trunk store', () => {
  it('keeps every field, the password included, across reopening the file', () => {
    const file = tempFile();
    const db = openDatabase(file);
    const trunks = new TrunkRepository(db, () => 1_700_000_000_000);
    expect(trunks.create(telnyx)).toBe(true);
    expect(trunks.create(carrier)).toBe(true);
    db.close();

    const reopened = new TrunkRepository(openDatabase(file));
    expect(reopened.get('main')).toEqual(telnyx);
    // Optional fields that were never set come back absent, not as null or ''.
    expect(reopened.get('carrier')).toEqual(carrier);
    expect(Object.keys(reopened.get('carrier') as Trunk)).not.toContain('password');
  });

  it('never shows the password in views and lists, only whether there is one', () => {
    const trunks = new TrunkRepository(openDatabase(tempFile()));
    trunks.create(telnyx);
    trunks.create(carrier);
    const { password: _password, ...withoutPassword } = telnyx;
    expect(trunks.view('main')).toEqual({ ...withoutPassword, hasPassword: true });
    expect(trunks.list().map((t) => [t.name, t.hasPassword])).toEqual([
      ['carrier', false],
      ['main', true],
    ]);
    expect(JSON.stringify(trunks.list())).not.toContain('odd');
    expect(trunks.view('missing')).toBeUndefined();
  });

  it('refuses a second trunk of the same name, and replaces or deletes only one that exists', () => {
    const trunks = new TrunkRepository(openDatabase(tempFile()));
    expect(trunks.create(telnyx)).toBe(true);
    expect(trunks.create({ ...carrier, name: 'main' })).toBe(false);
    expect(trunks.get('main')?.template).toBe('telnyx');

    const moved = { ...telnyx, server: 'sip.telnyx.eu', enabled: false, register: false, password: undefined };
    expect(trunks.update(moved)).toBe(true);
    expect(trunks.get('main')).toEqual({ ...telnyx, server: 'sip.telnyx.eu', enabled: false, register: false, password: undefined });
    expect(trunks.view('main')?.hasPassword).toBe(false);
    expect(trunks.update({ ...telnyx, name: 'ghost' })).toBe(false);

    expect(trunks.delete('main')).toBe(true);
    expect(trunks.delete('main')).toBe(false);
    expect(trunks.list()).toEqual([]);
  });

  it('writes nothing that trunkSchema refuses', () => {
    const trunks = new TrunkRepository(openDatabase(tempFile()));
    expect(() => trunks.create({ ...telnyx, server: 'sip:bad host' })).toThrow();
    expect(() => trunks.create({ ...telnyx, codecs: [] })).toThrow();
    expect(trunks.list()).toEqual([]);
  });

  it('records when a trunk was created and last changed', () => {
    const db = openDatabase(tempFile());
    let now = 1_000;
    const trunks = new TrunkRepository(db, () => now);
    trunks.create(telnyx);
    now = 2_000;
    trunks.update({ ...telnyx, displayName: 'Telnyx (US)' });
    expect(db.prepare('SELECT created_at AS c, updated_at AS u FROM trunks').get()).toEqual({ c: 1_000, u: 2_000 });
  });
});
