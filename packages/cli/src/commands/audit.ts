import type { Command } from 'commander';
import { api, loadSession } from '../api-client.ts';

interface AuditPage {
  readonly items: ReadonlyArray<Record<string, unknown> & { seq: number }>;
}

/** `ndxp audit tail`: print audit entries as they are appended (operator). */
export function registerAuditCommands(program: Command): void {
  program
    .command('audit')
    .description('Audit log (Nhật ký trao đổi)')
    .command('tail')
    .option('-n, --last <count>', 'start this many entries before the end', '20')
    .option('-f, --follow', 'keep printing new entries')
    .action(async (o: { last: string; follow?: boolean }) => {
      const session = await loadSession();
      let after = -1;
      // Find the end, then step back `last` entries.
      for (;;) {
        const page = await api<AuditPage>(session, 'GET', `/api/v1/audit?after_seq=${after}&limit=500`);
        if (page.items.length < 500) {
          const all = page.items;
          const start = Math.max(0, all.length - Number(o.last));
          for (const e of all.slice(start)) console.log(JSON.stringify(e));
          after = all.at(-1)?.seq ?? after;
          break;
        }
        after = page.items.at(-1)?.seq ?? after;
      }
      while (o.follow) {
        await new Promise((r) => setTimeout(r, 1000));
        const page = await api<AuditPage>(session, 'GET', `/api/v1/audit?after_seq=${after}&limit=500`);
        for (const e of page.items) console.log(JSON.stringify(e));
        after = page.items.at(-1)?.seq ?? after;
      }
    });
}
