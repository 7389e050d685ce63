/**
 * Kubernetes manifests in one multi-document file: a namespace; the cluster brokers as a
 * StatefulSet (a volume claim per broker, or one ReadWriteMany claim for a shared store);
 * plain client applications as Deployments; applications that embed a broker as StatefulSets,
 * since each process has a name other brokers bridge to and a store of its own. Brokers and
 * processes reach each other by the plan's short names (`broker-0`) through DNS search domains.
 */
import type { Plan } from '../plan/types.js';
import { PROCESS_ENV } from './clientConfig.js';
import {
  appImage,
  BROKER_IMAGE,
  brokerCommand,
  CONFIG_ROOT,
  DATA_ROOT,
  OPENWIRE_PORT,
  sharedStoreDir,
} from './layout.js';
import { lintLine, lintsAt } from './lintPlaces.js';
import { type AppWorkload, appWorkloadsOf, type BrokerGroup, brokerGroupOf } from './workloads.js';
import { type YamlNote, yamlText } from './yamlText.js';

const BROKER_SET = 'broker';

interface Manifest {
  value: Record<string, unknown>;
  notes: YamlNote[];
}

export function kubernetesYaml(plan: Plan, files: { path: string; content: string }[]): string {
  const ns = k8sName(plan.topology.name);
  const group = brokerGroupOf(plan);
  const workloads = appWorkloadsOf(plan);
  const searches = [
    ...(group ? [`${BROKER_SET}.${ns}.svc.cluster.local`] : []),
    ...workloads.filter((w) => w.networked).map((w) => `${k8sName(w.app.id)}.${ns}.svc.cluster.local`),
  ];
  const manifests: Manifest[] = [
    { value: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, notes: [] },
  ];
  if (group) manifests.push(...brokerManifests(plan, ns, group, files, searches));
  for (const w of workloads) manifests.push(...appManifests(plan, ns, w, files, searches));
  const header = [
    `brokerlab export of topology ${plan.topology.name}: kubectl apply -f kubernetes.yaml`,
    'Application images are placeholders: replace registry.example.com/... with your own.',
  ];
  return manifests.map((m, i) => yamlText(m.value, i === 0 ? header : [], m.notes)).join('---\n');
}

/** DNS-1123 label: lower-case letters, digits and `-`, at most 63 characters. */
export function k8sName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return cleaned.length > 0 ? cleaned : 'brokerlab';
}

/** Kubernetes refuses a ConfigMap over 1 MiB (etcd's object limit). */
const CONFIG_MAP_LIMIT_BYTES = 1024 * 1024;

function configMap(ns: string, name: string, data: Record<string, string>): Manifest {
  const utf8 = new TextEncoder();
  const bytes = Object.entries(data).reduce(
    (n, [k, v]) => n + utf8.encode(k).length + utf8.encode(v).length,
    0,
  );
  const over = `${bytes.toLocaleString('en-US')} bytes: over the 1 MiB a ConfigMap may hold; split it, or mount the files from a volume`;
  return {
    value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data },
    notes: bytes > CONFIG_MAP_LIMIT_BYTES ? [{ path: ['data'], lines: [over] }] : [],
  };
}

/** The brokers' activemq.xml files as one ConfigMap, each mounted at `brokers/<name>/activemq.xml`. */
function brokerConfigs(
  ns: string,
  name: string,
  brokers: string[],
  files: { path: string; content: string }[],
) {
  const data: Record<string, string> = {};
  for (const b of brokers)
    data[`${b}.xml`] = files.find((f) => f.path === `brokers/${b}/activemq.xml`)!.content;
  const volume = {
    name: 'broker-config',
    configMap: { name, items: brokers.map((b) => ({ key: `${b}.xml`, path: `${b}/activemq.xml` })) },
  };
  return { map: configMap(ns, name, data), volume };
}

function brokerManifests(
  plan: Plan,
  ns: string,
  group: BrokerGroup,
  files: { path: string; content: string }[],
  searches: string[],
): Manifest[] {
  const names = group.brokers.map((b) => b.name);
  const configs = brokerConfigs(ns, 'broker-config', names, files);
  const storeLints = lintsAt(plan, 'store-volume').map(lintLine);
  const out: Manifest[] = [configs.map];
  const service: Manifest = {
    value: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: BROKER_SET, namespace: ns },
      spec: {
        clusterIP: 'None',
        publishNotReadyAddresses: true,
        selector: { app: BROKER_SET },
        ports: [{ name: 'openwire', port: OPENWIRE_PORT }],
      },
    },
    notes: [
      {
        path: ['spec', 'publishNotReadyAddresses'],
        lines: [
          'every broker gets its DNS name (broker-0.broker) before it is ready: clients list all of them in failover:',
        ],
      },
    ],
  };
  out.push(service);
  const volumes: unknown[] = [configs.volume];
  const mounts: unknown[] = [{ name: 'broker-config', mountPath: `${CONFIG_ROOT}/brokers`, readOnly: true }];
  if (group.sharedStore === 'directory') {
    out.push({
      value: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'shared-store', namespace: ns },
        spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '10Gi' } } },
      },
      notes: [
        {
          path: ['spec', 'accessModes'],
          lines: [
            'every broker of the group mounts this one store: a ReadWriteMany volume (NFSv4) whose file locks work',
            ...storeLints,
          ],
        },
      ],
    });
    volumes.push({ name: 'shared-store', persistentVolumeClaim: { claimName: 'shared-store' } });
    mounts.push({ name: 'shared-store', mountPath: sharedStoreDir() });
  }
  const keepData = !(group.ownStores && group.ephemeral);
  mounts.push({ name: 'data', mountPath: DATA_ROOT });
  if (!keepData) volumes.push({ name: 'data', emptyDir: {} });
  const spec: Record<string, unknown> = {
    serviceName: BROKER_SET,
    replicas: names.length,
    selector: { matchLabels: { app: BROKER_SET } },
  };
  const notes: YamlNote[] = [];
  const brokerLints = lintsAt(plan, 'broker-workload').map(lintLine);
  if (brokerLints.length > 0) notes.push({ path: ['spec'], lines: brokerLints });
  if (group.sharedStore !== null) {
    spec.podManagementPolicy = 'Parallel';
    spec.updateStrategy = { type: 'OnDelete' };
    notes.push({
      path: ['spec', 'updateStrategy'],
      lines: [
        'a slave never becomes ready: it waits for the store lock without opening its transport connector.',
        'A RollingUpdate would restart the slave first and then wait for it forever, blocked on the lock:',
        'update by deleting the slave pod, then the master (clients fail over to the new master).',
      ],
    });
  }
  spec.template = {
    metadata: { labels: { app: BROKER_SET } },
    spec: {
      dnsConfig: { searches },
      volumes,
      containers: [
        {
          name: 'activemq',
          image: BROKER_IMAGE,
          // Kubernetes expands $(POD_NAME) in the command: broker-0 reads brokers/broker-0/activemq.xml.
          command: brokerCommand('$(POD_NAME)'),
          env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          ports: [{ name: 'openwire', containerPort: OPENWIRE_PORT }],
          readinessProbe: { tcpSocket: { port: OPENWIRE_PORT } },
          volumeMounts: mounts,
        },
      ],
    },
  };
  if (keepData) {
    spec.volumeClaimTemplates = [
      {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
      },
    ];
    if (group.ownStores && storeLints.length > 0)
      notes.push({
        path: ['spec', 'volumeClaimTemplates'],
        lines: ['one store per broker, each on its own claim', ...storeLints],
      });
  } else {
    notes.push({
      path: ['spec'],
      lines: [
        'the stores live on emptyDir (ephemeralStorage in the topology): lost whenever a pod moves or restarts',
        ...storeLints,
      ],
    });
  }
  out.push({
    value: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: BROKER_SET, namespace: ns },
      spec,
    },
    notes,
  });
  return out;
}

function appManifests(
  plan: Plan,
  ns: string,
  w: AppWorkload,
  files: { path: string; content: string }[],
  searches: string[],
): Manifest[] {
  const name = k8sName(w.app.id);
  const clientFiles = files.filter((f) => f.path.startsWith(`clients/${w.app.id}/`));
  const out: Manifest[] = [];
  const volumes: unknown[] = [];
  const mounts: unknown[] = [];
  if (clientFiles.length > 0) {
    const data = Object.fromEntries(
      clientFiles.map((f) => [f.path.slice(f.path.lastIndexOf('/') + 1), f.content]),
    );
    out.push(configMap(ns, `${name}-client`, data));
    volumes.push({ name: 'client-config', configMap: { name: `${name}-client` } });
    mounts.push({ name: 'client-config', mountPath: `${CONFIG_ROOT}/clients/${w.app.id}`, readOnly: true });
  }
  const env: unknown[] = [
    { name: 'SPRING_CONFIG_ADDITIONAL_LOCATION', value: `file:${CONFIG_ROOT}/clients/${w.app.id}/` },
  ];
  const appLints = lintsAt(plan, 'app-workload').map(lintLine);
  const notes: YamlNote[] = [];
  const spec: Record<string, unknown> = {
    replicas: w.app.replicas,
    selector: { matchLabels: { app: name } },
  };
  if (w.embedsBroker) {
    const configs = brokerConfigs(ns, `${name}-brokers`, w.processes, files);
    out.push(configs.map);
    volumes.push(configs.volume);
    mounts.push({ name: 'broker-config', mountPath: `${CONFIG_ROOT}/brokers`, readOnly: true });
    // The pod index (Kubernetes 1.28+) names the process, whatever characters the id holds.
    env.push(
      {
        name: 'POD_INDEX',
        valueFrom: { fieldRef: { fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']" } },
      },
      { name: PROCESS_ENV, value: `${w.app.id}-$(POD_INDEX)` },
    );
    spec.serviceName = name;
    if (w.persistentStore && !w.ephemeral) {
      mounts.push({ name: 'data', mountPath: DATA_ROOT });
      spec.volumeClaimTemplates = [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ];
      notes.push({
        path: ['spec', 'volumeClaimTemplates'],
        lines: [
          'one store per process: a restarted pod finds its stranded messages only on its own claim',
          ...lintsAt(plan, 'store-volume').map(lintLine),
        ],
      });
    } else if (w.persistentStore) {
      volumes.push({ name: 'data', emptyDir: {} });
      mounts.push({ name: 'data', mountPath: DATA_ROOT });
      notes.push({
        path: ['spec'],
        lines: [
          'stores on emptyDir (ephemeralStorage in the topology)',
          ...lintsAt(plan, 'store-volume').map(lintLine),
        ],
      });
    }
    if (w.networked) {
      out.push({
        value: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name, namespace: ns },
          spec: {
            clusterIP: 'None',
            publishNotReadyAddresses: true,
            selector: { app: name },
            ports: [{ name: 'openwire', port: OPENWIRE_PORT }],
          },
        },
        notes: [],
      });
    }
  }
  spec.template = {
    metadata: { labels: { app: name } },
    spec: {
      ...(searches.length > 0 ? { dnsConfig: { searches } } : {}),
      volumes,
      containers: [{ name: 'app', image: appImage(w.app.id), env, volumeMounts: mounts }],
    },
  };
  const kind = w.embedsBroker ? 'StatefulSet' : 'Deployment';
  notes.unshift({
    path: ['kind'],
    lines: [
      w.embedsBroker
        ? `${w.app.id}: a StatefulSet, each process embedding a broker named after it (${w.processes[0]}, ...)`
        : `${w.app.id}: interchangeable clients of the cluster`,
      ...appLints,
    ],
  });
  out.push({ value: { apiVersion: 'apps/v1', kind, metadata: { name, namespace: ns }, spec }, notes });
  return out;
}
