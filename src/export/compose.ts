/**
 * compose.yaml: one service per cluster broker, a volume per store, and the applications: plain
 * clients as replicas of one service, processes that embed a broker as one service each (each
 * has a name other brokers bridge to and a store of its own).
 */
import type { Plan } from '../plan/types.js';
import { PROCESS_ENV } from './clientConfig.js';
import { clientUrisOf } from './clientUris.js';
import {
  appImage,
  BROKER_IMAGE,
  brokerCommand,
  brokerDataDir,
  CONFIG_ROOT,
  sharedStoreDir,
} from './layout.js';
import { lintLine, lintsAt } from './lintPlaces.js';
import { type AppWorkload, appWorkloadsOf, brokerGroupOf } from './workloads.js';
import { type YamlNote, yamlText } from './yamlText.js';

type Service = Record<string, unknown>;

export function composeYaml(plan: Plan): string {
  const services: Record<string, Service> = {};
  const volumes: Record<string, Record<string, never>> = {};
  const notes: YamlNote[] = [];
  const storeLints = lintsAt(plan, 'store-volume').map(lintLine);
  const group = brokerGroupOf(plan);
  if (group) {
    if (group.sharedStore === 'directory') {
      volumes['shared-store'] = {};
      notes.push({
        path: ['volumes', 'shared-store'],
        lines: [
          'one store for the whole master/slave group: on several hosts it must be a shared file system (NFSv4) with working locks',
          ...storeLints,
        ],
      });
    }
    for (const b of group.brokers) {
      const mounts = [`./brokers/${b.name}:${CONFIG_ROOT}/brokers/${b.name}:ro`];
      if (!group.ephemeral || !group.ownStores) {
        volumes[`${b.name}-data`] = {};
        mounts.push(`${b.name}-data:${brokerDataDir(b.name)}`);
      }
      if (group.sharedStore === 'directory') mounts.push(`shared-store:${sharedStoreDir()}`);
      services[b.name] = {
        image: BROKER_IMAGE,
        hostname: b.name,
        command: brokerCommand(b.name),
        volumes: mounts,
        restart: 'unless-stopped',
      };
      if (group.ownStores && group.ephemeral)
        notes.push({
          path: ['services', b.name, 'volumes'],
          lines: ['no volume for the store (ephemeralStorage in the topology)', ...storeLints],
        });
    }
    const brokerLints = lintsAt(plan, 'broker-workload').map(lintLine);
    if (brokerLints.length > 0)
      notes.push({ path: ['services', group.brokers[0]!.name], lines: brokerLints });
  }
  const brokerNames = group ? group.brokers.map((b) => b.name) : [];
  for (const w of appWorkloadsOf(plan)) addApp(plan, w, brokerNames, services, volumes, notes);
  const header = [
    `brokerlab export of topology ${plan.topology.name}: docker compose up -d`,
    'Application images are placeholders: replace registry.example.com/... with your own.',
  ];
  const doc: Record<string, unknown> = { name: composeProjectName(plan.topology.name), services };
  if (Object.keys(volumes).length > 0) doc.volumes = volumes;
  return yamlText(doc, header, notes);
}

function addApp(
  plan: Plan,
  w: AppWorkload,
  brokers: string[],
  services: Record<string, Service>,
  volumes: Record<string, Record<string, never>>,
  notes: YamlNote[],
): void {
  const id = w.app.id;
  const clientMount = `./clients/${id}:${CONFIG_ROOT}/clients/${id}:ro`;
  const base: Service = {
    image: appImage(id),
    environment: { SPRING_CONFIG_ADDITIONAL_LOCATION: `file:${CONFIG_ROOT}/clients/${id}/` },
  };
  if (brokers.length > 0 && clientUrisOf(plan, id).some((u) => u.transport === 'tcp'))
    base.depends_on = brokers;
  const appLints = lintsAt(plan, 'app-workload').map(lintLine);
  if (!w.embedsBroker) {
    services[id] = { ...base, volumes: [clientMount], deploy: { replicas: w.app.replicas } };
    if (appLints.length > 0) notes.push({ path: ['services', id], lines: appLints });
    return;
  }
  const storeLints = lintsAt(plan, 'store-volume').map(lintLine);
  w.processes.forEach((name, i) => {
    const mounts = [clientMount, `./brokers/${name}:${CONFIG_ROOT}/brokers/${name}:ro`];
    if (w.persistentStore && !w.ephemeral) {
      volumes[`${name}-data`] = {};
      mounts.push(`${name}-data:${brokerDataDir(name)}`);
    }
    services[name] = {
      ...base,
      hostname: name,
      environment: { ...(base.environment as object), [PROCESS_ENV]: name },
      volumes: mounts,
      restart: 'unless-stopped',
    };
    if (i === 0) {
      const lines = [
        `${id}: one service per process (${name} ...), each embedding a broker named after it`,
        ...appLints,
      ];
      if (w.persistentStore) lines.push(...storeLints);
      if (w.persistentStore && w.ephemeral)
        lines.push('no volume for the store (ephemeralStorage in the topology)');
      notes.push({ path: ['services', name], lines });
    }
  });
}

/** Compose project names are lower-case letters, digits, `-` and `_`, starting with a letter or digit. */
function composeProjectName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return cleaned.length > 0 ? cleaned : 'brokerlab';
}
