import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseExchangePath } from './parse-exchange-path.ts';

const code = (u: string) => {
  try {
    parseExchangePath(u);
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('parseExchangePath', () => {
  it('splits service id, tail and query', () => {
    expect(parseExchangePath('/x/BCA/npdb/citizen-lookup/v1/v1/citizens/001203012345?x=1&y=%20')).toEqual({
      serviceId: 'BCA/npdb/citizen-lookup/v1', tail: '/v1/citizens/001203012345', segments: ['v1', 'citizens', '001203012345'], query: 'x=1&y=%20',
    });
    expect(parseExchangePath('/x/000.00.00.G12/npdb/s/v2')).toMatchObject({ serviceId: '000.00.00.G12/npdb/s/v2', tail: '/', segments: [] });
    expect(parseExchangePath('/x/BCA/npdb/s/v1/')).toMatchObject({ tail: '/', segments: [] });
    expect(parseExchangePath('/x/BCA/npdb/s/v1/a/')).toMatchObject({ tail: '/a/', segments: ['a', ''] });
    // Encoded characters that are not path syntax are kept as sent and decoded for matching.
    expect(parseExchangePath('/x/BCA/npdb/s/v1/t%C3%AAn')).toMatchObject({ tail: '/t%C3%AAn', segments: ['tên'] });
    // A literal percent sign is fine, even one that looks like the start of an escape.
    expect(parseExchangePath('/x/BCA/npdb/s/v1/50%25')).toMatchObject({ tail: '/50%25', segments: ['50%'] });
    expect(parseExchangePath('/x/BCA/npdb/s/v1/%2541')).toMatchObject({ segments: ['%41'] });
  });

  it.each([
    ['/x/BCA/npdb/s/v1/../../admin', 'dot segment'],
    ['/x/BCA/npdb/s/v1/a/..', 'dot segment'],
    ['/x/BCA/npdb/s/v1/%2e%2e/admin', 'encoded dot segment'],
    ['/x/BCA/npdb/s/v1/%2E%2E/admin', 'encoded dot segment, upper case'],
    ['/x/BCA/npdb/s/v1/.%2e/admin', 'mixed dot segment'],
    ['/x/BCA/npdb/s/v1/./a', 'single dot'],
    ['/x/BCA/npdb/s/v1/a%2f..%2fb', 'encoded slash'],
    ['/x/BCA/npdb/s/v1/a%2Fb', 'encoded slash upper case'],
    ['/x/BCA/npdb/s/v1/a%5cb', 'encoded backslash'],
    ['/x/BCA/npdb/s/v1/a\\..\\b', 'raw backslash'],
    ['/x/BCA/npdb/s/v1/a%00b', 'encoded NUL'],
    ['/x/BCA/npdb/s/v1/a\u0000b', 'raw NUL'],
    ['/x/BCA/npdb/s/v1/a%0d%0aX-Injected:%201', 'CRLF'],
    ['/x/BCA/npdb/s/v1//etc/passwd', 'empty segment'],
    ['/x/BCA/npdb/s/v1/a%zz', 'malformed percent-encoding'],
    ['/x/BCA/npdb/s/v1/a%c0%ae%c0%ae', 'overlong UTF-8 dot'],
    ['/x/BCA/npdb/s/v1/a?q=%00', 'NUL in query'],
    ['/x/BCA/npdb/s/v1/%252e%252e/admin', 'double-encoded dot segment'],
    ['/x/BCA/npdb/s/v1/a%252f..%252fb', 'double-encoded slash'],
    ['/x/BCA/npdb/s/v1/a%255cb', 'double-encoded backslash'],
    ['/x/BCA/npdb/s/v1/a%2500b', 'double-encoded NUL'],
  ])('refuses %s (%s)', (url) => {
    expect(code(url)).toBe('PATH_INVALID');
  });

  it('refuses service ids that do not have the catalogue shape', () => {
    for (const u of ['/x/BCA/npdb/s', '/x/bca/npdb/s/v1', '/x/BCA/NPDB/s/v1', '/x/BCA/npdb/s/1', '/x/../npdb/s/v1', '/x/BCA/%6epdb/s/v1', '/x/BCA/npdb/s/v1%2f..']) {
      expect(code(u)).toBe('SERVICE_NOT_FOUND');
    }
  });

  it('never yields a tail that climbs out of the service, whatever the input (property)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom('..', '.', '%2e', '%2E%2e', '%2f', '%5C', '\\', '%00', '', 'a', 'b%20c', '%', '%2'), fc.string()), { maxLength: 8 }), (parts) => {
      const url = '/x/BCA/npdb/s/v1/' + parts.join('/');
      let target;
      try {
        target = parseExchangePath(url);
      } catch (e) {
        expect(['PATH_INVALID', 'SERVICE_NOT_FOUND']).toContain((e as { code: string }).code);
        return;
      }
      // Resolving the forwarded path against a base must stay below the base (RFC 3986 §5.2).
      const resolved = new URL('/base' + target.tail, 'http://p.example').pathname;
      expect(resolved.startsWith('/base/') || resolved === '/base').toBe(true);
      for (const s of target.segments) {
        expect(s.includes('/') || s.includes('\\') || s.includes(String.fromCharCode(0))).toBe(false);
        expect(['.', '..']).not.toContain(s);
      }
    }), { numRuns: 2000 });
  });
});
