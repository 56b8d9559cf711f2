import { describe, expect, it } from 'vitest';
import { loadHubConfig } from './hub-config.ts';

describe('hub configuration', () => {
  it('has documented defaults and lists every insecure one', () => {
    const c = loadHubConfig({});
    expect(c).toMatchObject({ issuer: 'http://127.0.0.1:8080', port: 8080, tokenTtlSeconds: 300, clockSkewSeconds: 60, demo: false, scryptLogN: 15 });
    expect(c.kek).toHaveLength(32);
    expect(c.insecure.map((s) => s.setting).sort()).toEqual(['NDXP_AUDIT_SUBJECT_KEY', 'NDXP_HUB_KEK']);
    const demo = loadHubConfig({ NDXP_DEMO: 'true', NDXP_HUB_ISSUER: 'http://hub.example.gov.vn/' });
    expect(demo.issuer).toBe('http://hub.example.gov.vn');
    expect(demo.insecure.map((s) => s.setting)).toEqual(expect.arrayContaining(['NDXP_DEMO', 'NDXP_HUB_ISSUER']));
  });

  it('decodes keys and refuses wrong sizes without echoing them', () => {
    const kek = Buffer.alloc(32, 5);
    expect(loadHubConfig({ NDXP_HUB_KEK: kek.toString('base64') }).kek.equals(kek)).toBe(true);
    expect(loadHubConfig({ NDXP_HUB_KEK: kek.toString('base64url') }).kek.equals(kek)).toBe(true);
    const short = Buffer.alloc(16, 5).toString('base64');
    expect(() => loadHubConfig({ NDXP_HUB_KEK: short })).toThrow(/NDXP_HUB_KEK/);
    try {
      loadHubConfig({ NDXP_HUB_KEK: short });
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(short);
    }
  });

  it('fails fast on ill-typed values', () => {
    expect(() => loadHubConfig({ NDXP_HUB_CLOCK_SKEW_S: '3600' })).toThrow(/NDXP_HUB_CLOCK_SKEW_S/);
    expect(() => loadHubConfig({ NDXP_HUB_ISSUER: 'ftp://x' })).toThrow(/NDXP_HUB_ISSUER/);
    expect(() => loadHubConfig({ PORT: 'http' })).toThrow(/PORT/);
  });
});
