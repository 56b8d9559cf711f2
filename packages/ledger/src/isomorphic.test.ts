import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as ledger from './index.ts';

/*
 * The operator console runs this library in the browser (it verifies inclusion proofs client-side),
 * so library code may not touch Node-only APIs. Tests and test helpers may.
 */
const here = new URL('.', import.meta.url).pathname;

function libraryFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' || name === 'test-vectors' ? [] : libraryFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('@ndxp/ledger is isomorphic', () => {
  const files = libraryFiles(here);

  it('has library files to check', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it('imports no node: modules and uses no Buffer or process', () => {
    const offenders = files.filter((file) => {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      return /from\s+['"]node:|require\(|\bBuffer\b|\bprocess\./.test(code);
    });
    expect(offenders).toEqual([]);
  });

  it('imports only its three declared dependencies', () => {
    const external = new Set(
      files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/from\s+['"]([^.'"][^'"]*)['"]/g)].map((m) => m[1]!.split('/').slice(0, m[1]!.startsWith('@') ? 2 : 1).join('/'))),
    );
    expect([...external].sort()).toEqual(['@noble/curves', '@noble/hashes', 'canonicalize']);
  });

  it('exports every public operation from index.ts', () => {
    for (const name of ['hashLeaf', 'canonicalEntry', 'entryLeafHash', 'rootHash', 'CompactRange', 'inclusionProof', 'consistencyProof', 'verifyInclusion', 'verifyConsistency', 'tilePath', 'parseTilePath', 'tileHashReader', 'signNote', 'openNote', 'signCheckpoint', 'openCheckpoint', 'verifyLog']) {
      expect(typeof (ledger as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
