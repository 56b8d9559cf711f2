import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { parseConfig, warnInsecure } from './parse-config.ts';
import { NdxpError } from '../errors/index.ts';

const schema = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 8080 }),
  DEMO: Type.Boolean({ default: false }),
  DATABASE_URL: Type.Optional(Type.String({ minLength: 1 })),
  SIGNING_SECRET: Type.String({ minLength: 8 }),
});

describe('parseConfig', () => {
  it('converts strings and applies defaults', () => {
    const cfg = parseConfig(schema, { PORT: '9000', DEMO: 'true', SIGNING_SECRET: 'abcdefgh' });
    expect(cfg).toEqual({ PORT: 9000, DEMO: true, SIGNING_SECRET: 'abcdefgh' });
    expect(parseConfig(schema, { SIGNING_SECRET: 'abcdefgh' }).PORT).toBe(8080);
  });

  it('fails fast naming each bad variable, without echoing secrets', () => {
    let caught: unknown;
    try {
      parseConfig(schema, { PORT: 'eighty', SIGNING_SECRET: 'short' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NdxpError);
    const err = caught as NdxpError;
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain('PORT');
    expect(err.message).toContain('"eighty"');
    expect(err.message).toContain('SIGNING_SECRET');
    expect(err.message).not.toContain('short');
  });

  it('warns loudly for each insecure setting and stays silent otherwise', () => {
    const lines: string[] = [];
    warnInsecure('hub', [{ setting: 'NDXP_DEMO_USERS', why: 'demo passwords' }], (l) => lines.push(l));
    expect(lines.join('\n')).toMatch(/INSECURE[\s\S]*NDXP_DEMO_USERS: demo passwords/);
    const none: string[] = [];
    warnInsecure('hub', [], (l) => none.push(l));
    expect(none).toEqual([]);
  });
});
