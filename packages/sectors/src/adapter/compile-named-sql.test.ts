import { describe, expect, it } from 'vitest';
import { compileNamedSql, leadingKeyword } from './compile-named-sql.ts';

describe('compileNamedSql', () => {
  it('numbers named parameters in order and reuses the number of a repeated name', () => {
    const { compiled, issues } = compileNamedSql('SELECT * FROM t WHERE a = :personal_id AND b > :since OR c = :personal_id');
    expect(issues).toEqual([]);
    expect(compiled.text).toBe('SELECT * FROM t WHERE a = $1 AND b > $2 OR c = $1');
    expect(compiled.names).toEqual(['personal_id', 'since']);
  });

  it('leaves casts, strings, quoted identifiers, comments and dollar quotes alone', () => {
    const sql = [
      "SELECT x::date, ':not_a' AS s, E'it\\'s :no' AS e, \"col:umn\", $$ :nor $$, $tag$ :neither $tag$",
      '-- :comment',
      '/* :block /* nested :x */ still */ FROM t WHERE id = :id',
    ].join('\n');
    const { compiled, issues } = compileNamedSql(sql);
    expect(issues).toEqual([]);
    expect(compiled.names).toEqual(['id']);
    expect(compiled.text).toBe(sql.replace(':id', '$1'));
  });

  it('maps offsets of the compiled text back to the source', () => {
    const sql = 'SELECT a FROM t WHERE b = :long_parameter_name AND zz = 1';
    const { compiled } = compileNamedSql(sql);
    const at = compiled.text.indexOf('zz');
    expect(compiled.sourceOffset(at)).toBe(sql.indexOf('zz'));
    expect(compiled.sourceOffset(compiled.text.indexOf('$1'))).toBe(sql.indexOf(':long'));
  });

  it('reports positional parameters, several statements and unterminated literals with their offsets', () => {
    expect(compileNamedSql('SELECT a FROM t WHERE b = $1').issues).toEqual([{ offset: 26, message: expect.stringMatching(/positional parameters/) }]);
    expect(compileNamedSql('SELECT 1; DELETE FROM t').issues).toEqual([{ offset: 8, message: expect.stringMatching(/only one statement/) }]);
    expect(compileNamedSql('SELECT 1;  -- done\n').issues).toEqual([]);
    expect(compileNamedSql("SELECT 'abc").issues[0]?.message).toMatch(/unterminated string/);
    expect(compileNamedSql('SELECT /* x').issues[0]?.message).toMatch(/unterminated block comment/);
    expect(compileNamedSql('SELECT $q$ abc').issues[0]?.message).toMatch(/unterminated dollar-quoted/);
  });

  it('finds the leading keyword after comments', () => {
    expect(leadingKeyword('  -- why\n/* c */ WITH x AS (SELECT 1) SELECT * FROM x')).toBe('with');
    expect(leadingKeyword('delete from t')).toBe('delete');
  });
});
