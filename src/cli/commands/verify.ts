/**
 * `brokerlab verify FILE`: the plan run for real on this machine (scaled down, real brokers
 * from export, one JVM per application process), its scenario's fault injected, and the same
 * scaled run simulated; exit 1 when the loss category or the failover gap disagrees.
 */
import { isScenarioId, SCENARIOS, type ScenarioId, scenarioTarget } from '../../compare/scenarios.js';
import { buildPlan } from '../../plan/buildPlan.js';
import { RealBrokerMissing, runReal } from '../../real/verifyRun.js';
import { verifyHtml } from '../../report/html/verifyHtml.js';
import { verifyText } from '../../report/text/verifyText.js';
import { simulate } from '../../sim/simulate.js';
import { simulatedFigures } from '../../verify/figures.js';
import { INJECTIONS } from '../../verify/injection.js';
import { DEFAULT_MAX_PROCESSES, defaultVerifyScenario, scaledRun } from '../../verify/scaledRun.js';
import { judgeVerification, VERIFY_FORMAT } from '../../verify/verification.js';
import {
  type CliIo,
  checkOutputFile,
  EXIT_BAD_INPUT,
  EXIT_FAILED,
  EXIT_OK,
  jsonText,
  loadAll,
  writeFileAtomic,
} from '../io.js';
import { UsageError } from '../options.js';

const VERIFY_SCENARIOS = SCENARIOS.filter((s) => s.id !== 'baseline' && s.id !== 'declared').map((s) => s.id);

export async function verifyCommand(
  file: string,
  options: { scenario?: string; maxProcesses?: string; json?: boolean; html?: string; costs?: string },
  io: CliIo,
): Promise<number> {
  const loaded = await loadAll([file], io, options.costs);
  if (!loaded) return EXIT_BAD_INPUT;
  const topology = loaded[0]!.topology;
  const fullPlan = buildPlan(topology);
  const scenario = scenarioOption(options.scenario) ?? defaultVerifyScenario(fullPlan);
  const maxProcesses = processesOption(options.maxProcesses, topology.applications.length);
  if (options.html) await checkOutputFile('--html', options.html);
  if (scenarioTarget(fullPlan, scenario) === null)
    throw new UsageError(
      `--scenario ${scenario}: ${topology.name} has nothing it could hit (no broker of its own: try process-crash)`,
    );
  const run = scaledRun(topology, scenario, maxProcesses);
  const plan = buildPlan(run.topology);
  const fault = run.schedule[0] ?? null;
  const injection = fault ? INJECTIONS[fault.kind] : null;
  const simulated = simulatedFigures(simulate(plan, { schedule: run.schedule, randomFaults: false }));
  let real = null;
  if (injection?.how !== 'skip') {
    try {
      real = await runReal(plan, fault);
    } catch (error) {
      if (!(error instanceof RealBrokerMissing)) throw error;
      io.err(`brokerlab verify: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
  }
  const v = judgeVerification({
    format: VERIFY_FORMAT,
    topology: topology.name,
    scenario,
    processes: topology.applications.map((a, i) => ({ app: a.id, replicas: run.replicas[i]! })),
    sendUs: run.topology.simulation.durationUs,
    fault:
      fault && injection
        ? {
            kind: fault.kind,
            target: fault.target,
            atUs: fault.atUs,
            injected: injection.how === 'skip' ? null : injection.text,
            skipped: injection.how === 'skip' ? injection.reason : null,
          }
        : null,
    real,
    simulated,
  });
  if (options.html) await writeFileAtomic(options.html, verifyHtml(v));
  io.out(options.json ? jsonText(v) : verifyText(v));
  return v.agree === false ? EXIT_FAILED : EXIT_OK;
}

function scenarioOption(text: string | undefined): ScenarioId | undefined {
  if (text === undefined) return undefined;
  if (!isScenarioId(text) || !VERIFY_SCENARIOS.includes(text))
    throw new UsageError(`--scenario ${text}: expected one of ${VERIFY_SCENARIOS.join(', ')}`);
  return text;
}

function processesOption(text: string | undefined, apps: number): number {
  if (text === undefined) return Math.max(DEFAULT_MAX_PROCESSES, apps);
  const n = Number(text);
  if (!Number.isInteger(n) || n < apps)
    throw new UsageError(
      `--max-processes ${text}: expected a whole number, at least the number of applications (${apps}): each keeps one process`,
    );
  return n;
}
