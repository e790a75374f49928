package com.ghldata.tools.generate;

/**
 * A 64-bit linear congruential generator read from its high bits, seeded through the SplitMix64
 * mixer: one multiply per draw (a row takes about 50 draws) and plenty random for test data. Each
 * row gets its own instance seeded from (seed, index), so any row can be re-created without
 * generating the rows before it.
 */
final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  // Knuth's MMIX constants
  private static final long MULTIPLIER = 6364136223846793005L;
  private static final long INCREMENT = 1442695040888963407L;

  private long state;

  Rng(long state) {
    this.state = state;
  }

  /** The starting state of row {@code index}: neighbouring indexes give unrelated streams. */
  static long rowState(long seed, int index) {
    return mix(seed ^ mix((index + 1L) * GOLDEN));
  }

  /** Uniform in [0, bound), bound > 0 (Lemire's multiply-shift; the bias is far below what tests see). */
  int nextInt(int bound) {
    state = state * MULTIPLIER + INCREMENT;
    return (int) (((state >>> 32) * bound) >>> 32);
  }

  /** Uniform in [from, to], both inclusive. */
  int between(int from, int to) {
    return from + nextInt(to - from + 1);
  }

  /** True with probability perMille / 1000. */
  boolean chance(int perMille) {
    return nextInt(1000) < perMille;
  }

  <T> T pick(T[] values) {
    return values[nextInt(values.length)];
  }

  char digit() {
    return (char) ('0' + nextInt(10));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
