import { ContractError } from '../../../shared/errors';
import { DEFAULT_SETTINGS, settingsProblem, settingsSchema, type Settings, type SettingsPatch } from '../../../shared/settings';
import type { Db } from './database';

/**
 * Settings as key/value rows (JSON values); missing keys read as their
 * defaults. Kept in memory, since the SIP hot path reads them per request;
 * the engine is the only writer.
 */
export class SettingsRepository {
  private readonly selectAll;
  private readonly upsert;
  private cached: Settings | undefined;

  constructor(private readonly db: Db) {
    this.selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.upsert = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  get(): Settings {
    this.cached ??= this.read();
    return this.cached;
  }

  private read(): Settings {
    const stored: Record<string, unknown> = {};
    for (const row of this.selectAll.all()) {
      if (Object.hasOwn(DEFAULT_SETTINGS, row.key)) stored[row.key] = JSON.parse(row.value);
    }
    // A value written by an older version that no longer validates falls back to its default.
    const merged = { ...DEFAULT_SETTINGS, ...stored };
    const parsed = settingsSchema.safeParse(merged);
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  }

  update(patch: SettingsPatch): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch });
    const problem = settingsProblem(next);
    if (problem) throw new ContractError('E_VALIDATION', problem.message, { [problem.field]: problem.message });
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) this.upsert.run(key, JSON.stringify(next[key as keyof Settings]));
      }
    })();
    this.cached = next;
    return next;
  }
}
