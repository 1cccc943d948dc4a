import { openDataDirDatabase } from './data-dir-database';
import { ADMIN_USERNAME } from '../pbx/auth/admin-bootstrap';
import { generatePassword } from '../pbx/auth/generate-secret';
import { hashPassword } from '../pbx/auth/password-hash';
import { UserRepository } from '../pbx/store/user-repository';
import { parseCommandArgs } from './cli-args';
import { UsageError } from './usage-error';

const HELP = `Usage: dialtone admin reset-password [--data-dir DIR] [--password PASSWORD]

Gives the admin account a new password (a generated one unless --password is
given) and prints it. Anyone who can run this can read the data folder, so it
needs no other proof. Sessions already signed in stay signed in.`;

export async function runAdminCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { 'data-dir': { type: 'string' }, password: { type: 'string' } }, HELP, true);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals[0] !== 'reset-password' || positionals.length !== 1) throw new UsageError(HELP);
  if (values.password !== undefined && values.password.length < 8) throw new UsageError('--password must have at least 8 characters.');
  const db = openDataDirDatabase(values['data-dir']);
  try {
    const users = new UserRepository(db);
    const password = values.password ?? generatePassword();
    const hash = await hashPassword(password);
    if (!users.setPasswordHash(ADMIN_USERNAME, hash)) users.create(ADMIN_USERNAME, hash, 'admin');
    console.log(values.password ? 'The admin password was changed.' : `The admin password is now: ${password}`);
    return 0;
  } finally {
    db.close();
  }
}
