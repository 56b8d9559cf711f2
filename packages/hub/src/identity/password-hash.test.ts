import { describe, expect, it } from 'vitest';
import { loadHubConfig, SCRYPT_LOG_N_MIN_SECURE } from '../app/hub-config.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';

describe('password hashing (scrypt, PHC string)', () => {
  it('encodes parameters, salt and hash, and verifies only the right password', async () => {
    const h = await hashPassword('correct horse battery staple', 8);
    expect(h).toMatch(/^\$scrypt\$ln=8,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('correct horse battery staple', h)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same', 6), hashPassword('same', 6)]);
    expect(a).not.toBe(b);
  });

  it('treats Unicode normalisation forms of a Vietnamese password as the same password', async () => {
    const composed = 'Mật khẩu Đà Nẵng';
    const h = await hashPassword(composed, 6);
    expect(await verifyPassword(composed.normalize('NFD'), h)).toBe(true);
  });

  it('refuses malformed or tampered hashes without throwing', async () => {
    const h = await hashPassword('pw', 6);
    expect(await verifyPassword('pw', h.replace('ln=6', 'ln=7'))).toBe(false);
    expect(await verifyPassword('pw', h.replace('ln=6', 'ln=30'))).toBe(false);
    expect(await verifyPassword('pw', 'plaintext')).toBe(false);
    expect(await verifyPassword('pw', h.slice(0, -4))).toBe(false);
  });

  it('uses N = 2^15 by default and reports any lower cost as insecure', async () => {
    const prod = loadHubConfig({ NDXP_HUB_KEK: Buffer.alloc(32, 9).toString('base64'), NDXP_AUDIT_SUBJECT_KEY: Buffer.alloc(32, 3).toString('base64') });
    expect(prod.scryptLogN).toBe(SCRYPT_LOG_N_MIN_SECURE);
    expect(prod.scryptLogN).toBeGreaterThanOrEqual(15);
    expect(prod.insecure).toEqual([]);
    const cheap = loadHubConfig({ NDXP_HUB_KEK: Buffer.alloc(32, 9).toString('base64'), NDXP_AUDIT_SUBJECT_KEY: Buffer.alloc(32, 3).toString('base64'), NDXP_HUB_SCRYPT_LOG_N: '8' });
    expect(cheap.insecure.map((s) => s.setting)).toEqual(['NDXP_HUB_SCRYPT_LOG_N']);
    // The production cost really runs (32 MiB needs a raised maxmem).
    const h = await hashPassword('production cost', 15);
    expect(h.startsWith('$scrypt$ln=15,r=8,p=1$')).toBe(true);
    expect(await verifyPassword('production cost', h)).toBe(true);
  });
});
