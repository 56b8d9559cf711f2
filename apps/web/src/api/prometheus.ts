/**
 * Just enough of the Prometheus text exposition format (0.0.4) to read the hub's own metrics in
 * the browser: samples with their labels, and quantiles from cumulative histogram buckets.
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function unescape(v: string): string {
  return v.replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

function parseValue(v: string): number {
  if (v === '+Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}

export function parsePrometheus(text: string): Sample[] {
  const out: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (m === null) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1]!] = unescape(l[2]!);
    out.push({ name: m[1]!, labels, value: parseValue(m[3]!) });
  }
  return out;
}

/**
 * The q-quantile of a histogram from its cumulative buckets, interpolating linearly inside the
 * bucket that holds the rank, as PromQL's `histogram_quantile` does. Undefined without
 * observations. A rank in the +Inf bucket returns the largest finite bound.
 */
export function histogramQuantile(q: number, buckets: readonly { readonly le: number; readonly count: number }[]): number | undefined {
  const b = [...buckets].sort((x, y) => x.le - y.le);
  const total = b.at(-1)?.count ?? 0;
  if (total === 0) return undefined;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const { le, count } of b) {
    if (count >= rank) {
      if (le === Infinity) return prevLe;
      if (count === prevCount) return le;
      return prevLe + ((le - prevLe) * (rank - prevCount)) / (count - prevCount);
    }
    prevLe = le;
    prevCount = count;
  }
  return prevLe;
}

/** Sum the cumulative buckets of histogram `name` per value of `by`, keeping only samples that pass `where`. */
export function bucketsBy(samples: readonly Sample[], name: string, by: string, where: (labels: Readonly<Record<string, string>>) => boolean = () => true): Map<string, { le: number; count: number }[]> {
  const acc = new Map<string, Map<number, number>>();
  for (const s of samples) {
    if (s.name !== `${name}_bucket` || !where(s.labels)) continue;
    const key = s.labels[by] ?? '';
    const le = parseValue(s.labels['le'] ?? '+Inf');
    const m = acc.get(key) ?? new Map<number, number>();
    m.set(le, (m.get(le) ?? 0) + s.value);
    acc.set(key, m);
  }
  return new Map([...acc].map(([k, m]) => [k, [...m].map(([le, count]) => ({ le, count }))]));
}
