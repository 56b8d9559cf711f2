import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  stop(): Promise<void>;
  /** Resident set size of the child, MB (from /proc). */
  rssMb(): number;
}

/** Fork a TypeScript entry point under tsx; resolves when it sends `{ ready: url }`. */
export async function startChild(entry: URL, env: Readonly<Record<string, string>>): Promise<Child> {
  const nodeArgs = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
  const child = fork(fileURLToPath(entry), [], {
    env: { ...process.env, ...env },
    // BENCH_NODE_ARGS (e.g. `--trace-gc`) adds Node flags to every child for diagnosis; their
    // output then goes to this process's stdout.
    execArgv: ['--import', 'tsx', ...(env['NODE_PROFILE_DIR'] ? ['--cpu-prof', `--cpu-prof-dir=${env['NODE_PROFILE_DIR']}`] : []), ...nodeArgs],
    stdio: ['ignore', nodeArgs.length > 0 ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { ready?: string }) => (m.ready ? resolve(m.ready) : reject(new Error('bad ready message'))));
    child.once('exit', (code) => reject(new Error(`${entry.pathname} exited ${code}`)));
  });
  return {
    process: child,
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
    rssMb() {
      try {
        const status = require('node:fs').readFileSync(`/proc/${child.pid}/status`, 'utf8') as string;
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        return Math.round(kb / 1024);
      } catch {
        return 0;
      }
    },
  };
}
