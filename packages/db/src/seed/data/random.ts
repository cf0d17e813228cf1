/**
 * A small seeded pseudo-random generator for demo data and test factories. Same seed, same sequence,
 * on every platform: it is mulberry32 (32-bit state, integer arithmetic only), which is plenty for
 * picking names and dates but of course not for anything secret.
 */

export interface Random {
  /** The seed this generator was created with. */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** One element, uniformly. Throws on an empty array. */
  pick<T>(items: readonly T[]): T;
  /** One item, with probability proportional to its weight (weights ≥ 0, at least one > 0). */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A moment uniformly between from and to (inclusive of from). */
  date(from: Date, to: Date): Date;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
  /** n distinct elements (fewer if the array is shorter), in random order. */
  sample<T>(items: readonly T[], n: number): T[];
  /** A string of n decimal digits (leading zeros allowed). */
  digits(n: number): string;
  /**
   * An independent generator derived from this one's seed and a label, so that a generator for, say,
   * addresses does not shift when another part of the data grows. Does not advance this generator.
   */
  fork(label: string | number): Random;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the label's UTF-16 code units, mixed with a seed; used by fork(). */
export function hashSeed(seed: number, label: string | number): number {
  const s = String(label);
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const normalisedSeed = Math.trunc(seed) >>> 0;
  const raw = mulberry32(normalisedSeed);

  const rng: Random = {
    seed: normalisedSeed,
    next: raw,
    int(min, max) {
      const lo = Math.ceil(Math.min(min, max));
      const hi = Math.floor(Math.max(min, max));
      return lo + Math.floor(raw() * (hi - lo + 1));
    },
    float(min, max) {
      return min + raw() * (max - min);
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick() from an empty array');
      return items[Math.floor(raw() * items.length)] as (typeof items)[number];
    },
    weighted(items) {
      let total = 0;
      for (const [, w] of items) if (w > 0) total += w;
      if (total <= 0) throw new RangeError('weighted() needs at least one positive weight');
      let r = raw() * total;
      let last: (typeof items)[number] | undefined;
      for (const entry of items) {
        if (entry[1] <= 0) continue;
        last = entry;
        r -= entry[1];
        if (r < 0) return entry[0];
      }
      // Floating-point rounding can leave r at a hair above 0; the last positive entry takes it.
      return (last as (typeof items)[number])[0];
    },
    chance(p) {
      return raw() < p;
    },
    date(from, to) {
      const a = from.getTime();
      const b = to.getTime();
      return new Date(Math.floor(a + raw() * (b - a)));
    },
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(raw() * (i + 1));
        const tmp = out[i] as (typeof out)[number];
        out[i] = out[j] as (typeof out)[number];
        out[j] = tmp;
      }
      return out;
    },
    sample(items, n) {
      return rng.shuffle(items).slice(0, Math.max(0, n));
    },
    digits(n) {
      let s = '';
      for (let i = 0; i < n; i++) s += String(Math.floor(raw() * 10));
      return s;
    },
    fork(label) {
      return createRandom(hashSeed(normalisedSeed, label));
    },
  };
  return rng;
}
