import type { Command } from 'commander';
import { runSeedCommand } from '@ndxp/npdb';

/** `ndxp npdb seed`: bulk-load a synthetic population (COPY on PostgreSQL, with a progress bar). */
export function registerNpdbCommands(program: Command): void {
  program
    .command('npdb')
    .description('Reference National Population Database (CSDL quốc gia về dân cư)')
    .command('seed')
    .description('Seed a synthetic population')
    .requiredOption('--count <n>', 'people to generate')
    .option('--seed <n>', 'generator seed', '2022')
    .option('--database-url <url>', 'PostgreSQL URL (default: DATABASE_URL, else PGlite in --data-dir)', process.env['DATABASE_URL'])
    .option('--data-dir <dir>', 'PGlite data directory', '.ndxp/npdb')
    .action(async (o: { count: string; seed: string; databaseUrl?: string; dataDir: string }) => {
      await runSeedCommand({ count: Number(o.count), seed: Number(o.seed), ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : { dataDir: o.dataDir }) });
    });
}
