import { readFileSync } from 'node:fs';
import { openDataDirDatabase } from './data-dir-database';
import { ContractError } from '../../shared/errors';
import { defaultDataDir } from '../pbx/config/data-dir';
import { ExtensionAdmin, parseExtensionCsv } from '../pbx/extensions/extension-admin';
import { sipRealm } from '../pbx/store/engine-state';
import { ExtensionRepository } from '../pbx/store/extension-repository';
import { UserRepository } from '../pbx/store/user-repository';
import { parseCommandArgs } from './cli-args';
import { UsageError } from './usage-error';

const HELP = `Usage: dialtone ext <action> [options]

Actions:
  add <number> [--name NAME] [--password PASSWORD]
                    Create an extension. Without --password a strong one is
                    generated and printed once.
  list              Show every extension.
  remove <number>   Delete an extension (its phones can no longer register).
  import <file.csv> Create extensions from lines "number,name,password"
                    (an empty password is generated and printed). All or nothing.

Options:
  --data-dir DIR    The engine's data folder (default: ${defaultDataDir()})

Works whether or not the engine is running; a running engine sees the change
at the phone's next registration.`;

export async function runExtCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { 'data-dir': { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
    HELP,
    true,
  );
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [action, target, ...extra] = positionals;
  if (!action || extra.length > 0) throw new UsageError(HELP);
  const db = openDataDirDatabase(values['data-dir']);
  try {
    const extensions = new ExtensionRepository(db);
    const admin = new ExtensionAdmin(extensions, sipRealm(db), new UserRepository(db));
    switch (action) {
      case 'add': {
        if (!target) throw new UsageError('Which number? dialtone ext add <number>');
        const created = admin.create({ number: target, name: values.name, password: values.password });
        console.log(`Extension ${created.number} created.`);
        if (created.generatedPassword) console.log(`  Password: ${created.generatedPassword}  (shown only now)`);
        return 0;
      }
      case 'list': {
        const rows = extensions.list();
        if (rows.length === 0) console.log('No extensions yet. Add one with: dialtone ext add <number>');
        for (const row of rows) console.log(`${row.number.padEnd(12)} ${row.name}`);
        return 0;
      }
      case 'remove': {
        if (!target) throw new UsageError('Which number? dialtone ext remove <number>');
        admin.remove(target);
        console.log(`Extension ${target} removed.`);
        return 0;
      }
      case 'import': {
        if (!target) throw new UsageError('Which file? dialtone ext import <file.csv>');
        const result = admin.createMany(parseExtensionCsv(readFileSync(target, 'utf8')));
        console.log(`Imported ${result.created} extension${result.created === 1 ? '' : 's'}.`);
        for (const g of result.generated) console.log(`  ${g.number}: password ${g.password}  (shown only now)`);
        return 0;
      }
      default:
        throw new UsageError(`Unknown action "${action}".\n\n${HELP}`);
    }
  } catch (error) {
    if (error instanceof ContractError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    db.close();
  }
}
