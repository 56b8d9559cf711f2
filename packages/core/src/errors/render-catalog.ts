import { ERROR_CATALOG, type ErrorCode } from './catalog.ts';
import { PROBLEM_TYPE_BASE } from './to-problem.ts';

/** Render docs/errors.md from the catalogue, so the human catalogue cannot drift from the code. */
export function renderErrorCatalog(): string {
  const lines = [
    '# Error codes',
    '',
    'Every NDXP error is an RFC 9457 `application/problem+json` document:',
    '',
    '```json',
    '{ "type": "https://ndxp.gov.vn/problems/grant-missing", "title": "Không có quyền truy cập dịch vụ", "status": 403,',
    '  "code": "GRANT_MISSING", "origin": "client", "detail": "…", "instance": "/x/…", "request_id": "…" }',
    '```',
    '',
    '- `code` is stable: switch on it, never on `title` or `detail`.',
    '- `origin` says whose fault it is: `client` (the caller), `hub` (the platform), `provider` (the upstream agency system).',
    '- `title` is Vietnamese unless the request prefers English (`Accept-Language: en`).',
    '- 5xx problems carry no `detail`: the `request_id` lets the operator find the cause in the logs.',
    '',
    'This file is generated from `packages/core/src/errors/catalog.ts` by `npm run docs:errors`; a test fails if they differ.',
    '',
    '| code | status | origin | type | title (vi) | title (en) |',
    '|---|---|---|---|---|---|',
  ];
  for (const code of Object.keys(ERROR_CATALOG) as ErrorCode[]) {
    const e = ERROR_CATALOG[code];
    lines.push(`| \`${code}\` | ${e.status} | ${e.origin} | ${PROBLEM_TYPE_BASE}${code.toLowerCase().replaceAll('_', '-')} | ${e.vi} | ${e.en} |`);
  }
  return lines.join('\n') + '\n';
}
