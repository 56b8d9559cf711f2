import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Architecture rules as a test (X-Road keeps its own in src/arch-rules): dependencies point
 * inward, and services never import each other; they talk over HTTP through the hub.
 */
const root = new URL('../../../', import.meta.url).pathname;
const LIBRARIES = ['core', 'db', 'ledger', 'sdk', 'synthetic'];
const SERVICES = ['hub', 'npdb', 'sectors', 'eid', 'portal'];
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  core: [],
  ledger: [],
  db: ['core'],
  sdk: ['core', 'ledger'],
  synthetic: ['core'],
  ...Object.fromEntries(SERVICES.map((s) => [s, [...LIBRARIES]])),
};

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

function ndxpImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]@ndxp\/([a-z-]+)/g)].map((m) => m[1] ?? '');
}

describe('architecture', () => {
  for (const [pkg, allowed] of Object.entries(ALLOWED)) {
    it(`${pkg} imports only ${allowed.length ? allowed.join(', ') : 'nothing of ours'}`, () => {
      let files: string[];
      try {
        files = sourceFiles(join(root, 'packages', pkg, 'src'));
      } catch {
        return; // package not created yet
      }
      const bad = files.flatMap((f) => ndxpImports(f).filter((i) => i !== pkg && !allowed.includes(i)).map((i) => `${f.replace(root, '')} → @ndxp/${i}`));
      expect(bad).toEqual([]);
    });
  }

  it('no relative import reaches into another package', () => {
    const files = sourceFiles(join(root, 'packages'));
    const bad = files.filter((f) => /from\s+['"](\.\.\/){2,}(?:\.\.\/)*packages\//.test(readFileSync(f, 'utf8')) || /from\s+['"]\.\.\/\.\.\/\.\.\/[a-z]+\/src/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
});
