import type { Queryable } from '@ndxp/db';
import { appendEntries } from '../../audit/append-entries.ts';
import { canonicalEntry, type AuditEntry } from '../../audit/audit-entry.ts';

/**
 * Well-formed audit entries appended straight through the audit store's own append statement (the
 * one the group-commit writer uses), for tests that need many entries without running exchanges.
 */
export function syntheticEntry(n: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    v: 1,
    time: new Date(Date.UTC(2026, 2, 2, 1, 0, 0) + n).toISOString(),
    request_id: `req-${n}`,
    hub_instance: 'hub-test',
    consumer: 'BTC/tax',
    service: 'BCA/npdb/citizen-lookup/v1',
    method: 'GET',
    purpose: 'tax-registration',
    grant_id: null,
    legal_basis: 'Luật Quản lý thuế 38/2019/QH14',
    fields: ['/full_name'],
    status: n % 7 === 0 ? 403 : 200,
    provider_status: n % 7 === 0 ? null : 200,
    error_code: n % 7 === 0 ? 'PURPOSE_NOT_GRANTED' : null,
    latency_us: 1000 + n,
    request_sha256: null,
    response_sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    subject_hmac: null,
    subject_key_id: null,
    ...overrides,
  };
}

/** The canonical texts (RFC 8785) of `count` synthetic entries numbered from `from`. */
export function syntheticTexts(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => canonicalEntry(syntheticEntry(from + i)));
}

/** Append `count` synthetic entries numbered from `from`; returns their canonical texts in log order. */
export async function appendSynthetic(db: Queryable, from: number, count: number): Promise<string[]> {
  const texts = syntheticTexts(from, count);
  for (let at = 0; at < texts.length; at += 500) await appendEntries(db, texts.slice(at, at + 500));
  return texts;
}
