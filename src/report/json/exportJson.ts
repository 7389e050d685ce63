/** An export's summary as the JSON document of schemas/export.schema.json. */
import type { ExportFile } from '../../export/types.js';
import type { Plan } from '../../plan/types.js';

export const EXPORT_JSON_FORMAT = 'brokerlab.export/1';

export interface ExportSummary {
  file: string;
  out: string;
  plan: Plan;
  files: readonly ExportFile[];
}

export function exportJson(s: ExportSummary) {
  return {
    format: EXPORT_JSON_FORMAT,
    file: s.file,
    out: s.out,
    topology: { name: s.plan.topology.name, layout: s.plan.topology.layout },
    files: s.files.map((f) => ({ path: f.path, bytes: new TextEncoder().encode(f.content).length })),
    brokers: s.plan.brokers.map((b) => b.name),
    clientUris: s.plan.connections.map((c) => ({ process: c.process, transport: c.transport, uri: c.uri })),
    lints: s.plan.lints.map((l) => l.id),
  };
}
