import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderErrorCatalog } from '../src/errors/index.ts';

describe('docs/errors.md', () => {
  it('matches the error catalogue (run `npm run docs:errors` after adding a code)', () => {
    const onDisk = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderErrorCatalog());
  });
});
