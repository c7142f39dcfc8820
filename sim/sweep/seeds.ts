// Which seeds a sweep runs: `--seeds 1..1000`, `1,5,9` or a mix
// (`1..10,20,30..32`), and `--shard I/N`, which keeps the seeds ≡ I (mod N)
// so that N machines can split one range without coordinating. Shards count
// from 1 like vitest's and playwright's `--shard` (shard N/N takes the seeds
// ≡ 0 mod N), so `--shard 1/4 … 4/4` covers everything exactly once.

/** Bad option values of sweep or fuzz (`--seeds`, `--shard`, `--cluster` …): the CLI prints the message, exit 2. */
export class CommandUsageError extends Error {}

/** More seeds than this in one sweep is surely a typo (1..1e9). */
export const MAX_SEEDS = 10_000_000;

export interface Shard {
  /** 1..count */
  readonly index: number;
  readonly count: number;
}

const SEED_RE = /^\d+$/;

function seedOf(text: string, spec: string): number {
  const n = Number(text);
  if (!SEED_RE.test(text) || !Number.isSafeInteger(n)) throw new CommandUsageError(`--seeds: "${text}" in "${spec}" is not a non-negative integer`);
  return n;
}

/**
 * Seeds in the order written, duplicates dropped (a seed is one run whichever
 * way it was named twice).
 */
export function parseSeeds(spec: string): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const add = (n: number): void => {
    if (seen.has(n)) return;
    seen.add(n);
    out.push(n);
    if (out.length > MAX_SEEDS) throw new CommandUsageError(`--seeds: more than ${MAX_SEEDS} seeds in "${spec}"`);
  };
  const parts = spec.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) throw new CommandUsageError(`--seeds: expected seeds like 1..1000 or 1,5,9, got "${spec}"`);
  for (const part of parts) {
    const range = /^(.*?)\.\.(.*)$/.exec(part);
    if (!range) {
      add(seedOf(part, spec));
      continue;
    }
    const lo = seedOf(range[1]!.trim(), spec);
    const hi = seedOf(range[2]!.trim(), spec);
    if (hi < lo) throw new CommandUsageError(`--seeds: range ${part} runs backwards`);
    if (hi - lo + 1 > MAX_SEEDS) throw new CommandUsageError(`--seeds: more than ${MAX_SEEDS} seeds in "${spec}"`);
    for (let s = lo; s <= hi; s++) add(s);
  }
  return out;
}

/** `3/8` → shard 3 of 8. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new CommandUsageError(`--shard: expected I/N with 1 <= I <= N (e.g. 1/4), got "${text}"`);
  }
  return { index, count };
}

/** The seeds this shard runs: those ≡ index (mod count). */
export function shardSeeds(seeds: readonly number[], shard: Shard | undefined): number[] {
  if (!shard) return [...seeds];
  const r = shard.index % shard.count;
  return seeds.filter((s) => s % shard.count === r);
}

/** `1..1000` when the seeds are one consecutive run, else a short description. */
export function describeSeeds(seeds: readonly number[]): string {
  if (seeds.length === 0) return 'no seeds';
  const consecutive = seeds.every((s, i) => i === 0 || s === seeds[i - 1]! + 1);
  if (consecutive) return seeds.length === 1 ? `${seeds[0]}` : `${seeds[0]}..${seeds[seeds.length - 1]}`;
  return seeds.length <= 6 ? seeds.join(',') : `${seeds.slice(0, 3).join(',')},…,${seeds[seeds.length - 1]} (${seeds.length} seeds)`;
}
