import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDurationNs,
  formatDurationUs,
  formatRate,
  formatSizeBytes,
  humanDurationUs,
  humanSizeBytes,
  parseDurationNs,
  parseDurationUs,
  parseRatePerSecond,
  parseSizeBytes,
} from '../../../src/topology/units.js';

const YEAR_US = 365 * 86_400 * 1_000_000;

describe('parseDurationUs', () => {
  it.each([
    ['250ms', 250_000],
    ['30s', 30_000_000],
    ['1.5s', 1_500_000],
    ['2m', 120_000_000],
    ['2min', 120_000_000],
    ['1h', 3_600_000_000],
    ['1d', 86_400_000_000],
    ['5us', 5],
    ['5µs', 5],
    ['1000ns', 1],
    ['0s', 0],
    ['10 ms', 10_000],
    [' 800us ', 800],
    ['0.067s', 67_000], // exact, though 0.067 * 1e9 / 1e3 in floating point is not
    ['1.001ms', 1_001],
  ])('%s is %i us', (text, us) => {
    expect(parseDurationUs(text)).toBe(us);
  });

  it.each([
    '0.5us', // finer than a microsecond
    '1500ns',
    '1ns',
    '10', // no unit
    'ms', // no number
    '-1s',
    '1 second',
    '1e3ms',
    '1S',
    '',
  ])('rejects %j', (text) => {
    expect(parseDurationUs(text)).toBeUndefined();
  });
});

describe('parseDurationNs', () => {
  it.each([
    ['0.5us', 500],
    ['500ns', 500],
    ['1.5us', 1_500],
    ['15us', 15_000],
    ['1ms', 1_000_000],
  ])('%s is %i ns', (text, ns) => {
    expect(parseDurationNs(text)).toBe(ns);
  });

  it.each(['0.5ns', '1', 'fast'])('rejects %j', (text) => {
    expect(parseDurationNs(text)).toBeUndefined();
  });
});

describe('parseSizeBytes', () => {
  it.each([
    ['1KiB', 1024],
    ['1KB', 1000],
    ['1.5KiB', 1536],
    ['64MiB', 64 * 1024 ** 2],
    ['1GB', 1e9],
    ['1TiB', 1024 ** 4],
    ['512B', 512],
    ['2 MiB', 2 * 1024 ** 2],
    ['0.1KB', 100],
  ])('%s is %i bytes', (text, bytes) => {
    expect(parseSizeBytes(text)).toBe(bytes);
  });

  it.each(['1 kilobyte', '0.5B', '1kib', '1K', '1024', 'KiB', '-1KiB'])('rejects %j', (text) => {
    expect(parseSizeBytes(text)).toBeUndefined();
  });
});

describe('parseRatePerSecond', () => {
  it.each([
    ['50/s', 50],
    ['30/m', 0.5],
    ['600/min', 10],
    ['3600/h', 1],
    ['5 / s', 5],
    ['0.5/s', 0.5],
  ])('%s is %f per second', (text, perSecond) => {
    expect(parseRatePerSecond(text)).toBe(perSecond);
  });

  it.each(['5 per second', '5/d', '50', '/s', '50 s'])('rejects %j', (text) => {
    expect(parseRatePerSecond(text)).toBeUndefined();
  });
});

describe('formatters write the largest exact unit', () => {
  it.each([
    [0, '0s'],
    [1, '1us'],
    [1_001, '1001us'],
    [250_000, '250ms'],
    [1_500_000, '1500ms'],
    [90_000_000, '90s'],
    [120_000_000, '2m'],
    [7_200_000_000, '2h'],
    [86_400_000_000, '1d'],
  ])('formatDurationUs(%i) is %s', (us, text) => {
    expect(formatDurationUs(us)).toBe(text);
  });

  it.each([
    [500, '500ns'],
    [1_500, '1500ns'],
    [1_000, '1us'],
    [2_000_000, '2ms'],
  ])('formatDurationNs(%i) is %s', (ns, text) => {
    expect(formatDurationNs(ns)).toBe(text);
  });

  it.each([
    [0, '0B'],
    [1000, '1000B'],
    [1024, '1KiB'],
    [1536, '1536B'],
    [3 * 1024 ** 2, '3MiB'],
    [1024 ** 3, '1GiB'],
    [2 * 1024 ** 4, '2TiB'],
  ])('formatSizeBytes(%i) is %s', (bytes, text) => {
    expect(formatSizeBytes(bytes)).toBe(text);
  });

  it.each([
    [50, '50/s'],
    [0.5, '30/m'],
    [0.3, '18/m'],
    [1 / 3600, '1/h'],
  ])('formatRate(%f) is %s', (perSecond, text) => {
    expect(formatRate(perSecond)).toBe(text);
  });
});

describe('format -> parse round trips', () => {
  it('durations in whole microseconds, up to a year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: YEAR_US }), (us) => parseDurationUs(formatDurationUs(us)) === us),
    );
  });

  it('per-KiB costs in whole nanoseconds, up to a second', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (ns) => parseDurationNs(formatDurationNs(ns)) === ns),
    );
  });

  it('sizes in whole bytes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        (bytes) => parseSizeBytes(formatSizeBytes(bytes)) === bytes,
      ),
    );
  });

  it('rates that are whole per second, per minute or per hour', () => {
    const perHour = fc.integer({ min: 1, max: 3_600_000_000 }).map((n) => n / 3600);
    fc.assert(fc.property(perHour, (rate) => parseRatePerSecond(formatRate(rate)) === rate));
  });
});

describe('human formatters (for reports, three significant figures)', () => {
  it.each([
    [999, '999us'],
    [1_234, '1.23ms'],
    [1_500_000, '1.5s'],
    [90_000_000, '90s'],
    [150_000_000, '2.5m'],
    [7_200_000_000, '2h'],
  ])('humanDurationUs(%i) is %s', (us, text) => {
    expect(humanDurationUs(us)).toBe(text);
  });

  it.each([
    [512, '512B'],
    [1536, '1.5KiB'],
    [100 * 1024 ** 2, '100MiB'],
    [1024 ** 5, '1020TiB'],
  ])('humanSizeBytes(%i) is %s', (bytes, text) => {
    expect(humanSizeBytes(bytes)).toBe(text);
  });
});
