/** What `brokerlab export` wrote, in a few lines: the files by kind and the lints carried into them. */
import type { ExportSummary } from '../json/exportJson.js';

const SHOWN_NAMES = 3;

export function exportText(s: ExportSummary): string {
  const brokers = s.plan.brokers.map((b) => b.name);
  const apps = [
    ...new Set(s.files.filter((f) => f.path.startsWith('clients/')).map((f) => f.path.split('/')[1]!)),
  ];
  const rows: [string, string][] = [
    ['brokers/', `${brokers.length} activemq.xml: ${names(brokers)}`],
    ['clients/', `jndi.properties and application.properties of ${names(apps)}`],
    ['compose.yaml', 'docker compose up -d'],
    ['kubernetes.yaml', 'kubectl apply -f kubernetes.yaml'],
    ['README.md', 'what was generated, the lints, and which settings are defaults'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lints = s.plan.lints.map((l) => l.id);
  return [
    `${s.plan.topology.name}: ${s.files.length} files in ${s.out}`,
    ...rows
      .filter(([k]) => k !== 'clients/' || apps.length > 0)
      .map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    lints.length > 0 ? `lints carried into the files as comments: ${lints.join(', ')}` : 'no lints',
    '',
  ].join('\n');
}

function names(list: readonly string[]): string {
  if (list.length <= SHOWN_NAMES) return list.join(', ');
  return `${list.slice(0, SHOWN_NAMES).join(', ')}, ... (${list.length})`;
}
