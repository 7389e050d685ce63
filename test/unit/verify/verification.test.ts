import { describe, expect, it } from 'vitest';
import type { RunFigures } from '../../../src/verify/figures.js';
import { judgeVerification, VERIFY_FORMAT, type Verification } from '../../../src/verify/verification.js';

const figures = (lost: number, atRisk: number, failoverUs: number): RunFigures => ({
  fates: {
    sent: 100,
    delivered: 100 - lost,
    lost,
    stranded: 0,
    duplicated: 0,
    sendFailed: 0,
    outcomeUnknown: 0,
  },
  atRisk,
  failoverUs,
  newMasterUs: null,
  sendGapUs: 0,
  latencyP50Us: 1000,
  latencyP99Us: 2000,
});
const base: Omit<Verification, 'loss' | 'failover' | 'agree' | 'real' | 'simulated'> = {
  format: VERIFY_FORMAT,
  topology: 't',
  scenario: 'broker-crash',
  processes: [],
  sendUs: 8_000_000,
  fault: null,
};

describe('judgeVerification', () => {
  it('agrees when the loss category matches and the gap lies within 30% of the real one', () => {
    const v = judgeVerification({
      ...base,
      real: figures(0, 3, 10_000_000),
      simulated: figures(0, 1, 12_900_000),
    });
    expect(v.agree).toBe(true);
  });

  it('disagrees on a gap 31% off, and on a different loss category', () => {
    expect(
      judgeVerification({ ...base, real: figures(0, 3, 10_000_000), simulated: figures(0, 3, 13_100_000) })
        .agree,
    ).toBe(false);
    const v = judgeVerification({ ...base, real: figures(50, 50, -1), simulated: figures(3, 50, -1) });
    expect(v.loss).toEqual({ real: 'all', simulated: 'a handful', agree: false });
    expect(v.agree).toBe(false);
  });

  it('agrees on no failover only when neither side had one', () => {
    expect(judgeVerification({ ...base, real: figures(0, 0, -1), simulated: figures(0, 0, -1) }).agree).toBe(
      true,
    );
    expect(judgeVerification({ ...base, real: figures(0, 0, -1), simulated: figures(0, 0, 5) }).agree).toBe(
      false,
    );
  });

  it('gives no verdict when nothing ran for real', () => {
    const v = judgeVerification({ ...base, real: null, simulated: figures(0, 0, -1) });
    expect(v).toMatchObject({ agree: null, loss: null, failover: null });
  });
});
