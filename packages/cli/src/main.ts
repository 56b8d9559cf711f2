import { Command } from 'commander';
import { ApiError } from './api-client.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerCallCommand } from './commands/call.ts';
import { registerControlPlaneCommands } from './commands/control-plane.ts';
import { registerLogCommands } from './commands/log.ts';
import { registerNpdbCommands } from './commands/npdb.ts';
import { registerScenarioCommands } from './commands/scenario.ts';
import { registerStartCommand } from './commands/start.ts';

/**
 * `ndxp`: the platform's command line. Control-plane commands go through the hub's HTTP API with
 * a signed-in session, exactly as the web console does; nothing here writes to a database that
 * an API owns.
 */
const program = new Command('ndxp').description('NDXP — Nền tảng tích hợp, chia sẻ dữ liệu quốc gia').showHelpAfterError();
registerStartCommand(program);
registerControlPlaneCommands(program);
registerNpdbCommands(program);
registerScenarioCommands(program);
registerCallCommand(program);
registerAuditCommands(program);
registerLogCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ApiError) {
    console.error(JSON.stringify(error.problem, null, 2));
  } else {
    console.error(error instanceof Error ? error.message : String(error));
  }
  process.exitCode = 1;
}
