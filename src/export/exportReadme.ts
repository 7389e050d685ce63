/** README.md of an export: what was generated, how to run it, the plan's lints, and where each setting came from. */
import type { Plan } from '../plan/types.js';
import { CONFIG_ROOT, DATA_ROOT } from './layout.js';
import { lintLine } from './lintPlaces.js';
import type { ExportedSetting, ExportFile } from './types.js';

export function exportReadme(plan: Plan, files: ExportFile[], settings: ExportedSetting[]): string {
  const t = plan.topology;
  const brokers = files.filter((f) => f.path.startsWith('brokers/'));
  const clients = files.filter((f) => f.path.startsWith('clients/'));
  const lines = [
    `# ${mdText(t.name)}: exported by brokerlab`,
    '',
    mdText(t.description),
    '',
    '## Files',
    '',
    '| file | what it is |',
    '|---|---|',
    ...listed(brokers, 'activemq.xml of broker'),
    ...listed(clients, 'client configuration'),
    '| `compose.yaml` | `docker compose up -d`: brokers, applications, a volume per store |',
    '| `kubernetes.yaml` | `kubectl apply -f kubernetes.yaml`: namespace, StatefulSets, Deployments, volume claims, ConfigMaps |',
    '',
    `Every container mounts this directory under \`${CONFIG_ROOT}\`; broker data lives under \`${DATA_ROOT}/<broker>\`.`,
    'Processes with an embedded broker connect with `vm://<process>?brokerConfig=xbean:file:...`: the first',
    'connection starts the broker from its activemq.xml. Application images in the manifests are placeholders.',
    '',
    '## Lints of the plan',
    '',
    ...(plan.lints.length === 0 ? ['none'] : plan.lints.map((l) => `- ${mdText(lintLine(l))}`)),
    '',
    '## Settings and where they came from',
    '',
    "`topology`: set in the topology file; `default`: not set there, so ActiveMQ's default as brokerlab models it",
    '(src/model/defaults.ts names the source); `derived`: computed from the plan.',
    '',
    '| setting | value | source | from |',
    '|---|---|---|---|',
    ...settings.map(
      (s) => `| ${mdText(s.name)} | \`${mdCode(s.value)}\` | ${s.source} | ${mdText(s.from)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

function listed(files: ExportFile[], what: string): string[] {
  return files.map((f) => `| \`${mdCode(f.path)}\` | ${what} ${mdText(f.path.split('/')[1] ?? '')} |`);
}

/** Markdown table cells: pipes and HTML would break the table or render. */
function mdText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}

function mdCode(text: string): string {
  return text.replace(/`/g, "'").replace(/\|/g, '\\|');
}
