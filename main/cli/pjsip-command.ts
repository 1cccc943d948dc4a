import { readFileSync, writeFileSync } from 'node:fs';
import { defaultDataDir } from '../pbx/config/data-dir';
import { ExtensionAdmin } from '../pbx/extensions/extension-admin';
import { sipRealm } from '../pbx/store/engine-state';
import { ExtensionRepository } from '../pbx/store/extension-repository';
import { TrunkRepository } from '../pbx/store/trunk-repository';
import { UserRepository } from '../pbx/store/user-repository';
import { exportPjsip } from '../pbx/trunks/pjsip-export';
import { importPjsipUsers } from '../pbx/trunks/pjsip-import';
import { parseCommandArgs } from './cli-args';
import { reportingContractErrors } from './contract-error-output';
import { openDataDirDatabase } from './data-dir-database';
import { UsageError } from './usage-error';

const HELP = `Usage: dialtone pjsip <action> [options]

Actions:
  export [--out FILE]   Trunks and extensions as Asterisk pjsip.conf sections
                        (to standard output without --out). Trunk passwords are
                        in it; extensions carry only their MD5 digest.
  import <FILE>         Extensions from an Asterisk pjsip_users.conf: each
                        endpoint with an auth that has a password. Sections
                        that cannot be used are listed with the reason.

Options:
  --data-dir DIR        The engine's data folder (default: ${defaultDataDir()})`;

export async function runPjsipCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { 'data-dir': { type: 'string' }, out: { type: 'string' } }, HELP, true);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [action, file, ...extra] = positionals;
  if (extra.length > 0 || (action === 'export' && file !== undefined)) throw new UsageError(HELP);
  const db = openDataDirDatabase(values['data-dir']);
  try {
    const extensions = new ExtensionRepository(db);
    switch (action) {
      case 'export': {
        const text = exportPjsip(new TrunkRepository(db).all(), extensions.list());
        if (values.out === undefined) process.stdout.write(text);
        else {
          // It holds the trunks' passwords: readable by this user only.
          writeFileSync(values.out, text, { mode: 0o600 });
          console.log(`Wrote ${values.out}.`);
        }
        return 0;
      }
      case 'import': {
        if (!file) throw new UsageError('Which file? dialtone pjsip import <pjsip_users.conf>');
        const parsed = importPjsipUsers(readFileSync(file, 'utf8'));
        return await reportingContractErrors(() => {
          const admin = new ExtensionAdmin(extensions, sipRealm(db), new UserRepository(db));
          const created = parsed.extensions.length > 0 ? admin.createMany(parsed.extensions).created : 0;
          console.log(`Created ${created} extension${created === 1 ? '' : 's'}${created > 0 ? `: ${parsed.extensions.map((e) => e.number).join(', ')}` : ''}.`);
          if (parsed.skipped.length > 0) console.log(`Skipped ${parsed.skipped.length}:`);
          for (const skipped of parsed.skipped) console.log(`  ${skipped.section}: ${skipped.reason}`);
          return 0;
        });
      }
      default:
        throw new UsageError(action === undefined ? HELP : `Unknown action "${action}".\n\n${HELP}`);
    }
  } finally {
    db.close();
  }
}
