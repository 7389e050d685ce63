/**
 * brokerlab's library API, in the order data flows: topology -> plan -> simulation -> check and
 * report. Everything here is pure except `loadTopologyFile` and `loadCostsFile`, which read files.
 */

// Check: guarantees and the fault-schedule search.
export { GUARANTEES, judge, type Verdict } from './check/guarantees.js';
export {
  type CheckOptions,
  type CheckOutcome,
  changedByRemoval,
  checkTopology,
  type Removal,
  replayCandidate,
  runSchedule,
  type Trial,
} from './check/search.js';
// Compare and sweep: the decision, with replications and confidence intervals.
export { type CompareOptions, type Comparison, compareTopologies } from './compare/compareTopologies.js';
export { recommend } from './compare/recommend.js';
export type { Recommendation } from './compare/recommendation.js';
// Export: a plan as the files a team deploys (activemq.xml, client URIs, manifests).
export { exportPlan } from './export/exportPlan.js';
export { fieldsSetIn } from './export/settings.js';
export type { ExportedSetting, ExportFile } from './export/types.js';
// Lifecycle machines (xstate), for diagrams and reuse.
export { bridgeMachine, brokerMachine, failoverMachine } from './machines/index.js';
export { DEFAULT_COSTS, DEFAULT_FAILOVER, LIMITS } from './model/defaults.js';
// Plan: the deployment graph and its static figures.
export { buildPlan } from './plan/buildPlan.js';
export type {
  BridgeSet,
  ClientConnection,
  Lint,
  Plan,
  PlanFigures,
  PlannedBroker,
  PlannedProcess,
  PlannedStore,
} from './plan/types.js';
export { compareHtml } from './report/html/compareHtml.js';
export { sweepHtml } from './report/html/sweepHtml.js';
export { checkJson } from './report/json/checkJson.js';
export { compareJson } from './report/json/compareJson.js';
export { exportJson } from './report/json/exportJson.js';
export { planJson } from './report/json/planJson.js';
export { sweepJson } from './report/json/sweepJson.js';
export { compareMarkdown } from './report/markdown/compareMarkdown.js';
export { sweepMarkdown } from './report/markdown/sweepMarkdown.js';
export { counterexampleSequence } from './report/mermaid/counterexampleSequence.js';
// Renderers.
export { planFlowchart } from './report/mermaid/planFlowchart.js';
export { checkText } from './report/text/checkText.js';
export { compareText } from './report/text/compareText.js';
export { exportText } from './report/text/exportText.js';
export { planText } from './report/text/planText.js';
export { resultText } from './report/text/resultText.js';
export { sweepText } from './report/text/sweepText.js';
export type { Fates, FaultReport, LatencySummary, SimResult } from './sim/result.js';
// Simulation.
export { type SimulateOptions, simulate } from './sim/simulate.js';
export { compareSamples } from './stats/compareSamples.js';
export { summarize } from './stats/summary.js';
export { type Sweep, type SweepOptions, type SweepResult, sweep } from './sweep/sweep.js';
// Topology: the file format, its loader and its types.
export { formatLoadError, type LoadError } from './topology/issues.js';
export {
  type CostsResult,
  type CostsTable,
  type LoadOptions,
  type LoadResult,
  loadCostsFile,
  loadCostsText,
  loadTopologyFile,
  loadTopologyText,
} from './topology/load.js';
export { serializeTopology } from './topology/serialize.js';
export type * from './topology/types.js';
export {
  formatDurationUs,
  formatRate,
  formatSizeBytes,
  parseDurationUs,
  parseRatePerSecond,
  parseSizeBytes,
} from './topology/units.js';
