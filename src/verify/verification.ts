/** A real run and its simulation side by side, and whether they agree (src/verify/verdict.ts). */
import type { FaultKind } from '../topology/types.js';
import type { RunFigures } from './figures.js';
import { type LossCategory, lossCategory, TOLERANCE, withinTolerance } from './verdict.js';

export const VERIFY_FORMAT = 'brokerlab.verify/1';

export interface Verification {
  format: typeof VERIFY_FORMAT;
  topology: string;
  scenario: string;
  /** Replicas per application of the scaled topology. */
  processes: { app: string; replicas: number }[];
  sendUs: number;
  fault: {
    kind: FaultKind;
    target: string;
    atUs: number;
    /** How it was injected for real, or null when it was skipped. */
    injected: string | null;
    skipped: string | null;
  } | null;
  /** Null when the fault could not be injected (nothing ran for real). */
  real: RunFigures | null;
  simulated: RunFigures;
  loss: { real: LossCategory; simulated: LossCategory; agree: boolean } | null;
  failover: { realUs: number; simulatedUs: number; tolerance: number; agree: boolean } | null;
  /** Null when nothing ran for real. */
  agree: boolean | null;
}

export function judgeVerification(v: Omit<Verification, 'loss' | 'failover' | 'agree'>): Verification {
  if (v.real === null) return { ...v, loss: null, failover: null, agree: null };
  const real = lossCategory(v.real.fates.lost, v.real.atRisk);
  const simulated = lossCategory(v.simulated.fates.lost, v.simulated.atRisk);
  const realUs = v.real.failoverUs;
  const simulatedUs = v.simulated.failoverUs;
  const gapAgrees =
    realUs < 0 || simulatedUs < 0 ? realUs < 0 && simulatedUs < 0 : withinTolerance(simulatedUs, realUs);
  const loss = { real, simulated, agree: real === simulated };
  return {
    ...v,
    loss,
    failover: { realUs, simulatedUs, tolerance: TOLERANCE, agree: gapAgrees },
    agree: loss.agree && gapAgrees,
  };
}
