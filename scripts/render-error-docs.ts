import { writeFileSync } from 'node:fs';
import { renderErrorCatalog } from '@ndxp/core';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorCatalog());
console.log('docs/errors.md written');
