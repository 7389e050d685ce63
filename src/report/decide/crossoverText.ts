/** Where a sweep's answer flips, as sentences. */
import type { Sweep } from '../../sweep/sweep.js';
import { formatParameter, metricLabel } from './sweepTable.js';

export function crossoverLines(s: Sweep): string[] {
  if (s.series.length < 2) return [];
  const metric = metricLabel(s.metric);
  if (s.crossovers.length === 0) {
    const winners = [...new Set(s.verdicts.map((v) => v.winner).filter((w): w is number => w !== null))];
    return [
      winners.length === 1
        ? `no crossover on ${metric}: ${s.series[winners[0]!]!.label} is better at every point it differs`
        : `no crossover on ${metric}: no point shows a difference beyond noise`,
    ];
  }
  const p = (v: number) => formatParameter(s.parameter.kind, v);
  return s.crossovers.map(
    (x) =>
      `crossover on ${metric}: ${s.series[x.before]!.label} is better up to ${s.parameter.path}=${p(x.from)}, ` +
      `${s.series[x.after]!.label} from ${p(x.to)} on (the flip lies between ${p(x.from)} and ${p(x.to)})`,
  );
}
