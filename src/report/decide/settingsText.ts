/** One line that says how a comparison or sweep ran: seeds, durations, the fault model. */
import type { RunSettings } from '../../compare/runSettings.js';
import { scenarioById } from '../../compare/scenarios.js';
import { plural } from '../../text/plural.js';
import { humanDurationUs } from '../../topology/units.js';

export function settingsText(s: RunSettings): string {
  const seeds =
    s.seeds.length === 1
      ? `seed ${s.seeds[0]}`
      : isRange(s.seeds)
        ? `seeds ${s.seeds[0]}..${s.seeds.at(-1)}`
        : `seeds ${s.seeds.join(', ')}`;
  const injected = s.scenarios.some((id) => id !== 'baseline' && id !== 'declared');
  return (
    `${plural(s.seeds.length, 'replication')} (${seeds}) of ${humanDurationUs(s.durationUs)} ` +
    `of sends each, warm-up ${humanDurationUs(s.warmupUs)}, drain ${humanDurationUs(s.drainUs)}; ` +
    `scenarios: ${s.scenarios.map((id) => scenarioById(id).title).join(', ')}` +
    (injected ? '; each fault strikes every candidate at the same seeded moment and stays down' : '') +
    '; ties: Welch t-test at 95%'
  );
}

function isRange(seeds: readonly number[]): boolean {
  return seeds.every((x, i) => i === 0 || x === seeds[i - 1]! + 1);
}
