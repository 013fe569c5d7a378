/**
 * A small seeded PRNG (mulberry32): the same seed gives the same benchmark catalogue on every
 * machine, so figures from different runs describe the same data.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: () => number, below: number): number {
  return Math.floor(random() * below);
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * A seeded permutation of 0..size-1 as i → (a·i + b) mod size with a coprime to size: every index
 * is hit exactly once, without building the whole list. Good enough to scatter, not a shuffle.
 */
export function seededPermutation(random: () => number, size: number): (i: number) => number {
  if (size <= 1) return () => 0;
  let a = 1 + randomInt(random, size - 1);
  while (gcd(a, size) !== 1) a = (a % (size - 1)) + 1;
  const b = randomInt(random, size);
  // exact while a·i < 2^53: sizes up to 10^9 with up to 10^6 indices
  return (i) => (a * (i % size) + b) % size;
}
