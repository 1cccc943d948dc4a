import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/pbx/store/database';
import { SCHEMA_VERSION } from '../../../main/pbx/store/migrations';
import { SettingsRepository } from '../../../main/pbx/store/settings-repository';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

function tempFile() {
  return join(mkdtempSync(join(tmpdir(), 'dialtone-store-')), 'test.sqlite');
}

describe('the store', () => {
  it('migrates a new file to the current schema in WAL mode, and reopens without migrating again', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('refuses a file written by a newer version', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this Dialtone/);
  });

  it('reads defaults, persists changes across reopening, and ignores stored values that no longer validate', () => {
    const file = tempFile();
    const db = openDatabase(file);
    const settings = new SettingsRepository(db);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(settings.update({ homeCountry: 'FR' })).toEqual({ ...DEFAULT_SETTINGS, homeCountry: 'FR' });
    expect(() => settings.update({ homeCountry: 'france' })).toThrow();
    db.close();

    const reopened = openDatabase(file);
    expect(new SettingsRepository(reopened).get().homeCountry).toBe('FR');
    reopened.prepare("UPDATE settings SET value = '\"nonsense\"' WHERE key = 'homeCountry'").run();
    expect(new SettingsRepository(reopened).get()).toEqual(DEFAULT_SETTINGS);
    reopened.close();
  });
});
