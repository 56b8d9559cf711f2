/** Split `s` at the first `sep`: `[before, after]`, or `[s, undefined]` if absent. */
export function chop(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + sep.length)];
}
