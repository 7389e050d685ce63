/** A histogram's summary, all values in microseconds (p999 is the 99.9th percentile). */
export interface LatencySummary {
  count: number;
  min: number;
  max: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
}

/**
 * Latency distribution in constant memory, HDR-histogram style. Values are non-negative integer
 * microseconds. 0..127 are counted exactly; above that, each power of two [2^e, 2^(e+1)) is split
 * into 64 equal sub-buckets, so a bucket is never wider than 1/64 of its lower bound and a
 * reported percentile is within 1/128 (0.8%, half a bucket) of a recorded value in its bucket.
 * The range reaches 2^53 (285 years), far beyond any run, in 3,072 float64 counts (24 KiB);
 * float64 counts stay exact up to 2^53 samples, so 10^9 samples cannot overflow.
 *
 * count, min, max and mean are exact (the mean from a running sum, exact while the sum stays
 * below 2^53 us). An empty histogram reports 0 everywhere, so its JSON has no null or Infinity.
 */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKET_COUNT);
  private total = 0;
  private sumUs = 0;
  private minUs = Number.POSITIVE_INFINITY;
  private maxUs = 0;

  /** Number of recorded samples. */
  get count(): number {
    return this.total;
  }

  /** Smallest recorded value (exact); 0 when empty. */
  get min(): number {
    return this.total === 0 ? 0 : this.minUs;
  }

  /** Largest recorded value (exact); 0 when empty. */
  get max(): number {
    return this.maxUs;
  }

  /** Arithmetic mean of recorded values; 0 when empty. */
  get mean(): number {
    return this.total === 0 ? 0 : this.sumUs / this.total;
  }

  /** Records one sample. Throws unless `us` is an integer in [0, 2^53). */
  record(us: number): void {
    this.recordMany(us, 1);
  }

  /** Records `count` samples of the same value (count: a non-negative integer). */
  recordMany(us: number, count: number): void {
    if (!(us >= 0 && us <= MAX_US && Math.floor(us) === us)) {
      throw new RangeError(`LatencyHistogram: value must be an integer in [0, 2^53), got ${us} us`);
    }
    if (!(count >= 0 && Math.floor(count) === count)) {
      throw new RangeError(`LatencyHistogram: count must be a non-negative integer, got ${count}`);
    }
    if (count === 0) return;
    this.counts[bucketIndex(us)]! += count;
    this.total += count;
    this.sumUs += us * count;
    if (us < this.minUs) this.minUs = us;
    if (us > this.maxUs) this.maxUs = us;
  }

  /** Adds every sample of `other` to this histogram (`other` is unchanged). */
  merge(other: LatencyHistogram): void {
    if (other.total === 0) return;
    const counts = this.counts;
    const otherCounts = other.counts;
    for (let i = 0; i < BUCKET_COUNT; i++) counts[i]! += otherCounts[i]!;
    this.total += other.total;
    this.sumUs += other.sumUs;
    if (other.minUs < this.minUs) this.minUs = other.minUs;
    if (other.maxUs > this.maxUs) this.maxUs = other.maxUs;
  }

  /**
   * The nearest-rank percentile: the smallest recorded value v such that at least p% of samples
   * are <= v, reported as the middle of v's bucket clamped to [min, max]. So it is exact below
   * 128 us, within 1/128 of the true value above, and percentile(0) === min, percentile(100) === max.
   * Returns 0 when empty.
   */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100))
      throw new RangeError(`LatencyHistogram: percentile must be in [0, 100], got ${p}`);
    if (this.total === 0) return 0;
    if (p === 0) return this.minUs;
    const rank = Math.ceil((p * this.total) / 100);
    if (rank >= this.total) return this.maxUs;
    const counts = this.counts;
    let seen = 0;
    let i = 0;
    for (; i < BUCKET_COUNT; i++) {
      seen += counts[i]!;
      if (seen >= rank) break;
    }
    const middle = bucketMiddle(i);
    return Math.min(Math.max(middle, this.minUs), this.maxUs);
  }

  /** The summary written into result JSON; values in microseconds. */
  toJSON(): LatencySummary {
    return {
      count: this.count,
      min: this.min,
      max: this.max,
      mean: this.mean,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
    };
  }
}

/** Sub-buckets per power of two; bucket width / lower bound <= 1 / SUB_BUCKETS. */
const SUB_BUCKETS = 64;
/** Values below this are their own bucket. */
const EXACT_LIMIT = 2 * SUB_BUCKETS;
/** Largest recordable value: float64 integers are exact below 2^53. */
const MAX_US = 2 ** 53 - 1;
/** Largest exponent e with [2^e, 2^(e+1)) in range. */
const MAX_EXPONENT = 52;
/** 128 exact buckets, then 64 per exponent 7..52. */
const BUCKET_COUNT = EXACT_LIMIT + (MAX_EXPONENT - 6) * SUB_BUCKETS;
const TWO_POW_31 = 2 ** 31;
const TWO_POW_32 = 2 ** 32;

/**
 * @internal Bucket of a value. With e = floor(log2 v) and shift = e - 6, the top seven bits
 * `v >> shift` lie in [64, 128); the index is (e - 6) * 64 + those bits, which continues the
 * exact buckets 0..127 without a gap. Values below 2^31 take the bit-operation path.
 */
export function bucketIndex(us: number): number {
  if (us < EXACT_LIMIT) return us;
  if (us < TWO_POW_31) {
    const shift = 25 - Math.clz32(us); // (31 - clz) - 6
    return (shift << 6) + (us >>> shift);
  }
  const high = Math.floor(us / TWO_POW_32);
  const exponent = high === 0 ? 31 : 63 - Math.clz32(high);
  const shift = exponent - 6;
  return shift * SUB_BUCKETS + Math.floor(us / 2 ** shift);
}

/** @internal The smallest value in bucket `index`. */
export function bucketLow(index: number): number {
  if (index < EXACT_LIMIT) return index;
  const shift = (index >> 6) - 1;
  return ((index & (SUB_BUCKETS - 1)) + SUB_BUCKETS) * 2 ** shift;
}

/** @internal The middle of bucket `index`, rounded down to a whole microsecond. */
function bucketMiddle(index: number): number {
  if (index < EXACT_LIMIT) return index;
  const width = 2 ** ((index >> 6) - 1);
  return bucketLow(index) + Math.floor((width - 1) / 2);
}
