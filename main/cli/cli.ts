import { runAdminCommand } from './admin-command';
import { runExtCommand } from './ext-command';
import { runPjsipCommand } from './pjsip-command';
import { runRouteCommand } from './route-command';
import { runServeCommand } from './serve-command';
import { runTrunkCommand } from './trunk-command';
import { UsageError } from './usage-error';

const USAGE = `Usage: dialtone <command> [options]

Commands:
  serve                 Run the engine headless and serve the web UI
  ext                   Add, list, remove and import extensions
  trunk                 Connect to SIP trunk providers: add, list, test, set, remove
  route                 Routes for calls out and in, and who may call abroad
  pjsip                 Export to and import from Asterisk's pjsip.conf
  admin reset-password  Give the admin account a new password

Run "dialtone <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return runServeCommand(rest);
    case 'admin':
      return runAdminCommand(rest);
    case 'ext':
      return runExtCommand(rest);
    case 'trunk':
      return runTrunkCommand(rest);
    case 'route':
      return runRouteCommand(rest);
    case 'pjsip':
      return runPjsipCommand(rest);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      console.log(USAGE);
      return 0;
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exitCode = 2;
    } else {
      console.error(`dialtone: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  },
);
