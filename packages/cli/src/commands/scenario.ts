import type { Command } from 'commander';
import { DEMO_USERS } from '@ndxp/hub';
import { runScenarioCommand } from '@ndxp/sectors';

/** `ndxp scenario run II.9`: real exchanges for one connection of the action plan (or `all`). */
export function registerScenarioCommands(program: Command): void {
  program
    .command('scenario')
    .description('Scenarios of the 19 connections of Decision 47 (Kịch bản kết nối II.1–II.19)')
    .command('run <item>')
    .description('Run the exchanges of one connection (e.g. II.9) or "all", through the hub')
    .option('--hub <url>', 'hub base URL', process.env['NDXP_HUB_URL'] ?? 'http://127.0.0.1:8080')
    .option('-u, --user <username>', 'operator account', 'operator')
    .option('--password-env <name>', 'environment variable holding the password (default: the demo password)')
    .option('--people <n>', 'population size the NPDB was seeded with', '100000')
    .option('--seed <text>', 'population seed the NPDB was seeded with', 'ndxp-demo')
    .action(async (item: string, o: { hub: string; user: string; passwordEnv?: string; people: string; seed: string }) => {
      const password = o.passwordEnv !== undefined ? process.env[o.passwordEnv] ?? '' : DEMO_USERS.find((u) => u.username === o.user)?.password ?? '';
      const reports = await runScenarioCommand(item, { hubUrl: o.hub, username: o.user, password, population: { seed: o.seed, count: Number(o.people) } });
      if (reports.some((r) => !r.ok)) process.exitCode = 1;
    });
}
