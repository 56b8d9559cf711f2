import { NdxpError } from '@ndxp/core';

/**
 * Change-feed cursors are opaque to clients (they must not build or do arithmetic on them), so the
 * feed can change how it positions itself without breaking consumers. Today a cursor is the
 * base64url form of `v1:<last sequence number seen>`.
 */
export function encodeCursor(seq: number): string {
  return Buffer.from(`v1:${seq}`, 'utf8').toString('base64url');
}

const CURSOR = /^v1:(0|[1-9][0-9]{0,15})$/;

/** The last sequence number a cursor stands for; CURSOR_INVALID for anything we did not issue. */
export function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const m = CURSOR.exec(text);
  const seq = m === null ? NaN : Number(m[1]);
  if (!Number.isSafeInteger(seq)) {
    throw new NdxpError('CURSOR_INVALID', { detail: 'cursor is not one this feed issued', errors: [{ in: 'query', pointer: '/cursor', message: 'invalid cursor' }] });
  }
  return seq;
}
