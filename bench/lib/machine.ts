import { cpus, totalmem } from 'node:os';

/** Describe the machine a benchmark ran on, for its report. */
export function machine(): { cores: number; cpu: string; memory_gb: number; node: string } {
  const list = cpus();
  return { cores: list.length, cpu: list[0]?.model ?? 'unknown', memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version };
}
