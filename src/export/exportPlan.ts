/**
 * Plan -> the files a team would deploy: an activemq.xml per broker instance, the client
 * configuration of each application, compose.yaml, kubernetes.yaml and a README. Pure: the CLI
 * writes the files.
 */
import type { Plan } from '../plan/types.js';
import { brokerXml } from './brokerXml.js';
import { clientConfigFiles } from './clientConfig.js';
import { composeYaml } from './compose.js';
import { exportReadme } from './exportReadme.js';
import { kubernetesYaml } from './kubernetes.js';
import { brokerConfigPath } from './layout.js';
import { exportedSettings } from './settings.js';
import type { ExportFile } from './types.js';

/**
 * @param setInTopology dotted paths of the fields the topology file sets (see `fieldsSetIn`),
 *   so that the README tells them from defaults.
 */
export function exportPlan(plan: Plan, setInTopology: ReadonlySet<string>): ExportFile[] {
  const files: ExportFile[] = [
    ...plan.brokers.map((b) => ({ path: brokerConfigPath(b.name), content: brokerXml(plan, b) })),
    ...plan.topology.applications.flatMap((app) => clientConfigFiles(plan, app)),
  ];
  files.push({ path: 'compose.yaml', content: composeYaml(plan) });
  files.push({ path: 'kubernetes.yaml', content: kubernetesYaml(plan, files) });
  files.push({
    path: 'README.md',
    content: exportReadme(plan, files, exportedSettings(plan, setInTopology)),
  });
  return files;
}
