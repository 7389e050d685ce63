/**
 * Issue 4's speed goal: `check` with 100 runs of a 5-minute simulation of the bundled central
 * example, under 30 s on this machine; runs/s on one thread, and the speed-up with the runs
 * spread over worker threads (both cores). The worker version is the compiled CLI module
 * (dist/), as users run it: `npm run bench` builds first.
 */
import { pathToFileURL } from 'node:url';
import { checkTopology } from '../src/check/search.js';
import { loadTopologyFile } from '../src/topology/load.js';

export interface CheckBenchResult {
  name: string;
  seconds: number;
  runsPerSecond: number;
}

const FILE = 'topologies/central-cluster.yaml';
const RUNS = 100;
const DURATION_US = 300_000_000;

export async function runCheckBench(): Promise<CheckBenchResult[]> {
  const loaded = await loadTopologyFile(FILE);
  if (!loaded.ok) throw new Error(`cannot load ${FILE}`);
  const topology = loaded.topology;
  const options = {
    guarantees: topology.guarantees,
    runs: RUNS,
    seed: 1,
    durationUs: DURATION_US,
    search: {},
  };
  const results: CheckBenchResult[] = [];
  let started = performance.now();
  const single = checkTopology(topology, options);
  let seconds = (performance.now() - started) / 1000;
  results.push({
    name: `check ${FILE}, ${RUNS} runs x 5 min, 1 thread`,
    seconds,
    runsPerSecond: single.runs / seconds,
  });
  const distUrl = new URL('../dist/cli/parallelCheck.js', import.meta.url);
  const { checkInWorkers } = (await import(distUrl.href)) as typeof import('../src/cli/parallelCheck.js');
  started = performance.now();
  const parallel = await checkInWorkers({ file: FILE, costs: undefined }, options, 2, () => {});
  seconds = (performance.now() - started) / 1000;
  results.push({
    name: `check ${FILE}, ${RUNS} runs x 5 min, 2 worker threads`,
    seconds,
    runsPerSecond: parallel.runs / seconds,
  });
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await runCheckBench())
    console.log(`${r.name}: ${r.seconds.toFixed(1)} s, ${r.runsPerSecond.toFixed(2)} runs/s`);
}
