/**
 * One case of bench/simulation.bench.ts in a fresh plain Node process, on the compiled dist/ as
 * users run it (bin/brokerlab.js): `npm run bench` builds first. Plain JavaScript so that no
 * TypeScript loader runs beside the simulation.
 *
 *   node bench/simulation-child.js '<SimulationCase as JSON>' <warm-up runs> <measured runs>
 *
 * Prints one JSON line: { sent, events, wallSeconds: [measured runs, in order] }.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildPlan } from '../dist/plan/buildPlan.js';
import { simulate } from '../dist/sim/simulate.js';
import { loadTopologyFile } from '../dist/topology/load.js';

const [caseJson, warmupArg, measuredArg] = process.argv.slice(2);
const c = JSON.parse(caseJson);
const file = fileURLToPath(new URL(`../topologies/${c.topology}.yaml`, import.meta.url));
const loaded = await loadTopologyFile(file);
if (!loaded.ok) throw new Error(`cannot load ${file}: ${JSON.stringify(loaded.errors)}`);
for (const app of loaded.topology.applications)
  for (const producer of app.producers) producer.ratePerSecond *= c.rateMultiplier;
const plan = buildPlan(loaded.topology);
const durationUs = c.simulatedSeconds * 1_000_000;
const warmup = Number(warmupArg);
let sent = -1;
let events = -1;
const wallSeconds = [];
for (let run = 0; run < warmup + Number(measuredArg); run++) {
  const start = performance.now();
  const result = simulate(plan, { durationUs, randomFaults: false });
  const wall = (performance.now() - start) / 1000;
  if (sent >= 0 && (result.fates.sent !== sent || result.events !== events))
    throw new Error(
      `${c.topology}: runs differ (${sent}/${events} vs ${result.fates.sent}/${result.events})`,
    );
  sent = result.fates.sent;
  events = result.events;
  if (run >= warmup) wallSeconds.push(wall);
}
process.stdout.write(`${JSON.stringify({ sent, events, wallSeconds })}\n`);
