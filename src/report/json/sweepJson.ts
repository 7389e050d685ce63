/** A sweep as the document of schemas/sweep.schema.json. */
import type { Sweep } from '../../sweep/sweep.js';
import { candidateResultJson } from './candidateJson.js';

export function sweepJson(s: Sweep) {
  return {
    format: s.format,
    parameter: s.parameter,
    settings: s.settings,
    simulated: s.simulated,
    metric: s.metric,
    series: s.series.map((x) => ({
      label: x.label,
      file: x.file,
      points: x.points.map((p) => ({ value: p.value, ...candidateResultJson(p) })),
    })),
    verdicts: s.verdicts.map((v) => ({
      value: v.value,
      outcome: v.outcome,
      winner: v.winner === null ? null : s.series[v.winner]!.label,
    })),
    crossovers: s.crossovers.map((x) => ({
      from: x.from,
      to: x.to,
      before: s.series[x.before]!.label,
      after: s.series[x.after]!.label,
    })),
  };
}
