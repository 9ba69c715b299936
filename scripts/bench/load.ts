// HTTP load with autocannon, and the A B A B alternation every ratio target uses: both sides
// take turns on the same cores, so a noisy neighbour hurts both rather than one.
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface LoadSpec {
  url: string;
  headers?: Record<string, string>;
  connections?: number;
  seconds?: number;
}

/** autocannon's histogram has p90 and p97.5, not p95: interpolate between them. */
function p95(latency: autocannon.Histogram): number {
  const l = latency as unknown as Record<string, number>;
  if (typeof l.p95 === 'number') return l.p95;
  return l.p90! + ((l.p97_5! - l.p90!) * (95 - 90)) / (97.5 - 90);
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  const r = await autocannon({ url: spec.url, headers: spec.headers, connections: spec.connections ?? 10, duration: spec.seconds ?? 5, timeout: 30 });
  return { rps: r.requests.average, p50: r.latency.p50, p95: p95(r.latency), requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

/** Runs a and b alternately `rounds` times each; returns every round's figures. */
export async function alternate<T>(rounds: number, a: () => Promise<T>, b: () => Promise<T>): Promise<{ a: T[]; b: T[] }> {
  const out = { a: [] as T[], b: [] as T[] };
  for (let i = 0; i < rounds; i++) {
    out.a.push(await a());
    out.b.push(await b());
  }
  return out;
}

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Rounds summed: requests over time for req/s; the median of the rounds' p95s. */
export function combine(rs: readonly LoadResult[]): LoadResult {
  return {
    rps: rs.reduce((s, r) => s + r.rps, 0) / rs.length,
    p50: median(rs.map((r) => r.p50)),
    p95: median(rs.map((r) => r.p95)),
    requests: rs.reduce((s, r) => s + r.requests, 0),
    non2xx: rs.reduce((s, r) => s + r.non2xx, 0),
    errors: rs.reduce((s, r) => s + r.errors, 0),
  };
}
