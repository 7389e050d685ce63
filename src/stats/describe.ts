/** Mean and sample standard deviation of replications (one value per seed). */

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('mean of no samples');
  let sum = 0;
  for (const x of samples) sum += x;
  return sum / samples.length;
}

/** Sample standard deviation (n - 1 in the denominator); 0 for a single sample. */
export function sampleStdDev(samples: readonly number[]): number {
  if (samples.length < 2) return 0;
  const m = mean(samples);
  let squares = 0;
  for (const x of samples) squares += (x - m) ** 2;
  return Math.sqrt(squares / (samples.length - 1));
}
