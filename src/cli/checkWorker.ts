/** A worker thread of `check --workers N`: one independent fast-check search, seeded apart from the others. */
import { parentPort, workerData } from 'node:worker_threads';
import { type CheckOptions, checkTopology } from '../check/search.js';
import { loadCostsFile, loadTopologyFile } from '../topology/load.js';

interface Job {
  file: string;
  costs: string | undefined;
  options: Omit<CheckOptions, 'onRun'>;
}

const job = workerData as Job;
const costs = job.costs === undefined ? undefined : await loadCostsFile(job.costs);
if (costs && !costs.ok) throw new Error(`worker could not load ${job.costs}`);
const loaded = await loadTopologyFile(job.file, costs?.costs);
if (!loaded.ok) throw new Error(`worker could not load ${job.file}`);
const outcome = checkTopology(loaded.topology, {
  ...job.options,
  onRun: (done) => parentPort!.postMessage({ type: 'progress', done }),
});
parentPort!.postMessage({ type: 'done', outcome });
