/** A plan as the JSON document of schemas/plan.schema.json. */
import { closedLoopLoad } from '../../compare/closedLoopLoad.js';
import type { Plan } from '../../plan/types.js';

export const PLAN_JSON_FORMAT = 'brokerlab.plan/1';

export function planJson(plan: Plan, file: string) {
  const t = plan.topology;
  return {
    format: PLAN_JSON_FORMAT,
    file,
    topology: { name: t.name, layout: t.layout },
    figures: plan.figures,
    closedLoop: closedLoopLoad(plan),
    lints: plan.lints,
    processes: plan.processes,
    brokers: plan.brokers,
    stores: plan.stores,
    bridgeSets: plan.bridgeSets,
    connections: plan.connections,
  };
}
