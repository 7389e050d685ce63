/**
 * The generated files of `export`: every bundled topology exports, each file parses in its own
 * format, the client URIs are the plan's, settings land where ActiveMQ reads them, hostile
 * names are escaped, and variants (JDBC, replication, one-way hub, replay, ephemeral storage)
 * produce what they should. The files are started on a real broker in test/real.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Element } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, parse as parseYaml } from 'yaml';
import { PROCESS_ENV } from '../../../src/export/clientConfig.js';
import { exportPlan } from '../../../src/export/exportPlan.js';
import { fieldsSetIn } from '../../../src/export/settings.js';
import type { ExportFile } from '../../../src/export/types.js';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import type { Plan } from '../../../src/plan/types.js';
import { loadTopologyText } from '../../../src/topology/load.js';
import { CORE_NS, checkAgainstXsd, parseXml, readActivemqXsd, xsdTable } from '../../support/activemqXsd.js';

const bundled = readdirSync('topologies').filter((f) => f.endsWith('.yaml'));
const xsd = readActivemqXsd();
const table = xsd ? xsdTable(xsd) : undefined;

function planOf(text: string): Plan {
  const loaded = loadTopologyText(text, 'test.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return buildPlan(loaded.topology);
}

function exportText(text: string): { plan: Plan; files: ExportFile[] } {
  const plan = planOf(text);
  return { plan, files: exportPlan(plan, fieldsSetIn(parseYaml(text))) };
}

function file(files: ExportFile[], path: string): string {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} among ${files.map((x) => x.path).join(', ')}`);
  return f.content;
}

/** java.util.Properties' reading of a .properties text: `key=value` lines with backslash escapes. */
function readProperties(text: string): Map<string, string> {
  const unescapeJava = (s: string) =>
    s.replace(/\\u([0-9a-fA-F]{4})|\\(.)/g, (_, hex: string | undefined, ch: string | undefined) =>
      hex
        ? String.fromCharCode(Number.parseInt(hex, 16))
        : (({ n: '\n', r: '\r', t: '\t', f: '\f' } as Record<string, string>)[ch!] ?? ch!),
    );
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const eq = /(?<!\\)(?:\\\\)*=/.exec(line)!;
    const cut = eq.index + eq[0].length - 1;
    out.set(unescapeJava(line.slice(0, cut)), unescapeJava(line.slice(cut + 1)));
  }
  return out;
}

/** The documents of a multi-document YAML text (a parse that fails as a whole shows up as an error). */
function k8sDocuments(text: string) {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw new Error('kubernetes.yaml did not parse as a stream of documents');
  // biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field below
  return docs.map((d) => ({ errors: d.errors, toJS: (): any => d.toJS() }));
}

function brokerElement(xml: string): Element {
  return parseXml(xml).getElementsByTagNameNS(CORE_NS, 'broker')[0]!;
}

function one(root: Element, name: string): Element | undefined {
  return root.getElementsByTagNameNS(CORE_NS, name)[0];
}

describe.each(bundled)('export of %s', (name) => {
  const text = readFileSync(`topologies/${name}`, 'utf8');
  const { plan, files } = exportText(text);

  it('writes an activemq.xml per broker, the client files per application, the manifests and a README', () => {
    const paths = files.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const b of plan.brokers) expect(paths).toContain(`brokers/${b.name}/activemq.xml`);
    for (const app of plan.topology.applications) {
      expect(paths).toContain(`clients/${app.id}/jndi.properties`);
      expect(paths).toContain(`clients/${app.id}/application.properties`);
    }
    expect(paths).toEqual(expect.arrayContaining(['compose.yaml', 'kubernetes.yaml', 'README.md']));
  });

  it('writes broker configurations that parse, each naming its broker, and (when installed) fit activemq.xsd', () => {
    for (const b of plan.brokers) {
      const xml = file(files, `brokers/${b.name}/activemq.xml`);
      const broker = brokerElement(xml);
      expect(broker.getAttribute('brokerName')).toBe(b.name);
      expect(broker.getAttribute('persistent')).toBe(String(b.store !== null));
      if (table) expect(checkAgainstXsd(parseXml(xml), table)).toEqual([]);
    }
  });

  it('hands every process the URI of its plan: failover: as is, vm:// starting its exported broker', () => {
    for (const c of plan.connections) {
      const app = plan.processes.find((p) => p.name === c.process)!.app;
      const jndi = readProperties(file(files, `clients/${app}/jndi.properties`));
      const spring = readProperties(file(files, `clients/${app}/application.properties`));
      if (c.transport === 'tcp') {
        expect(jndi.get('connection.ConnectionFactory.brokerURL')).toBe(c.uri);
        expect(spring.get('spring.activemq.broker-url')).toBe(c.uri);
      } else {
        const uri = jndi.get(`connection.${c.process}.brokerURL`)!;
        expect(
          uri.startsWith(
            `vm://${c.brokers[0]}?brokerConfig=xbean:file:/etc/brokerlab/brokers/${c.brokers[0]}/activemq.xml`,
          ),
        ).toBe(true);
        // The plan's vm:// URI says whether the broker persists; the exported broker says the same.
        const persistent = !c.uri.includes('broker.persistent=false');
        expect(
          brokerElement(file(files, `brokers/${c.brokers[0]}/activemq.xml`)).getAttribute('persistent'),
        ).toBe(String(persistent));
        const template =
          spring.get('spring.activemq.broker-url') ?? spring.get('brokerlab.producer-broker-url');
        expect(template?.replaceAll(`\${${PROCESS_ENV}}`, c.process)).toBe(uri);
      }
      expect(jndi.get('connectionFactoryNames')).toBeDefined();
    }
  });

  it('writes compose.yaml and kubernetes.yaml that parse, carrying the broker configurations unchanged', () => {
    const compose = parse(file(files, 'compose.yaml'));
    for (const b of plan.brokers.filter((x) => x.placement === 'cluster'))
      expect(compose.services[b.name]).toBeDefined();
    const manifests = k8sDocuments(file(files, 'kubernetes.yaml')).map((d) => {
      expect(d.errors).toEqual([]);
      return d.toJS();
    });
    for (const m of manifests)
      expect(typeof m.apiVersion === 'string' && typeof m.kind === 'string').toBe(true);
    const configMaps = manifests.filter((m) => m.kind === 'ConfigMap');
    for (const b of plan.brokers) {
      const holder = configMaps.find((m) => m.data[`${b.name}.xml`] !== undefined);
      expect(holder?.data[`${b.name}.xml`]).toBe(file(files, `brokers/${b.name}/activemq.xml`));
    }
  });

  it('is the same, byte for byte, every time', () => {
    expect(exportText(text).files).toEqual(files);
  });
});

describe('what the export writes for the topology settings', () => {
  it('central-cluster: the shared store with its locker, and the README tells set fields from defaults', () => {
    const { files } = exportText(readFileSync('topologies/central-cluster.yaml', 'utf8'));
    for (const b of ['broker-0', 'broker-1']) {
      const broker = brokerElement(file(files, `brokers/${b}/activemq.xml`));
      const kahaDB = one(broker, 'kahaDB')!;
      expect(kahaDB.getAttribute('directory')).toBe('/var/lib/brokerlab/shared-store/kahadb');
      expect(kahaDB.getAttribute('journalDiskSyncStrategy')).toBe('always');
      expect(kahaDB.getAttribute('lockKeepAlivePeriod')).toBe('30000');
      expect(one(broker, 'shared-file-locker')!.getAttribute('lockAcquireSleepInterval')).toBe('10000');
      expect(one(broker, 'transportConnector')!.getAttribute('uri')).toBe('tcp://0.0.0.0:61616');
    }
    const readme = file(files, 'README.md');
    expect(readme).toContain(
      '| cluster: locker lockAcquireSleepInterval | `10s` | topology | cluster.lockAcquireSleepInterval |',
    );
    expect(readme).toContain(
      '| cluster: lockKeepAlivePeriod | `30s` | topology | cluster.lockKeepAlivePeriod |',
    );
    expect(readme).toContain('| failover: trackMessages | `false` | default | failover.trackMessages |');
    const k8s = file(files, 'kubernetes.yaml');
    expect(k8s).toContain('ReadWriteMany');
    expect(k8s).toMatch(
      /# a slave never becomes ready[^\n]*\n[^\n]*RollingUpdate would restart the slave first/,
    );
  });

  it('central-network-of-brokers: a duplex mesh opened by the earlier broker of each pair', () => {
    const { files } = exportText(readFileSync('topologies/central-network-of-brokers.yaml', 'utf8'));
    const connectors = (b: string) => [
      ...brokerElement(file(files, `brokers/${b}/activemq.xml`)).getElementsByTagNameNS(
        CORE_NS,
        'networkConnector',
      ),
    ];
    const [n0] = connectors('broker-0');
    expect(n0!.getAttribute('uri')).toBe('static:(tcp://broker-1:61616,tcp://broker-2:61616)');
    expect(n0!.getAttribute('duplex')).toBe('true');
    expect(n0!.getAttribute('networkTTL')).toBe('1');
    expect(n0!.getAttribute('decreaseNetworkConsumerPriority')).toBe('false');
    expect(connectors('broker-1').map((c) => c.getAttribute('uri'))).toEqual([
      'static:(tcp://broker-2:61616)',
    ]);
    expect(connectors('broker-2')).toEqual([]);
    const filter = one(
      brokerElement(file(files, 'brokers/broker-0/activemq.xml')),
      'conditionalNetworkBridgeFilterFactory',
    );
    expect(filter!.getAttribute('replayWhenNoConsumers')).toBe('false');
  });

  it('embedded-hub: each spoke bridges to the hub pair over failover:, two hops for spoke to spoke', () => {
    const { files } = exportText(readFileSync('topologies/embedded-hub.yaml', 'utf8'));
    const spoke = brokerElement(file(files, 'brokers/orders-7/activemq.xml'));
    const n = one(spoke, 'networkConnector')!;
    expect(n.getAttribute('uri')).toBe('static:(failover:(tcp://broker-0:61616,tcp://broker-1:61616))');
    expect(n.getAttribute('networkTTL')).toBe('2');
    expect(n.getAttribute('decreaseNetworkConsumerPriority')).toBe('true');
    // Only its own process reaches a spoke (over vm://): it listens on no port.
    expect(one(spoke, 'transportConnector')).toBeUndefined();
  });
});

const VARIANT = (extra: string, layout = 'central') => `
name: variant
layout: ${layout}
destinations: [{ name: work }]
applications:
  - id: shop
    replicas: 3
    producers: [{ destination: work }]
    consumers: [{ destination: work }]
${extra}
`;

describe('variants', () => {
  it('jdbc master/slave: a lease-database-locker and a data source bean', () => {
    const { files } = exportText(VARIANT('cluster: { brokers: 2, ha: jdbc, lockKeepAlivePeriod: 5s }'));
    const xml = file(files, 'brokers/broker-1/activemq.xml');
    const broker = brokerElement(xml);
    expect(one(broker, 'jdbcPersistenceAdapter')!.getAttribute('dataSource')).toBe('#brokerlab-store');
    expect(one(broker, 'jdbcPersistenceAdapter')!.getAttribute('lockKeepAlivePeriod')).toBe('5000');
    expect(one(broker, 'lease-database-locker')!.getAttribute('leaseHolderId')).toBe('broker-1');
    expect(xml).toContain('<bean id="brokerlab-store" class="org.apache.commons.dbcp2.BasicDataSource"');
    if (table) expect(checkAgainstXsd(parseXml(xml), table)).toEqual([]);
  });

  it('replicated: says that ActiveMQ 5.17 has none and gives each broker its own KahaDB', () => {
    const { files } = exportText(VARIANT('cluster: { brokers: 3, ha: replicated }'));
    const xml = file(files, 'brokers/broker-2/activemq.xml');
    expect(xml).toContain('ActiveMQ 5.17 has no replicated store');
    expect(one(brokerElement(xml), 'kahaDB')!.getAttribute('directory')).toBe(
      '/var/lib/brokerlab/broker-2/kahadb',
    );
  });

  it('a one-way hub: each spoke opens its bridge and the hub one back to every spoke, which listens', () => {
    const { files } = exportText(
      VARIANT(
        'embedded: { network: hub, duplex: false }\ncluster: { brokers: 1, ha: none, replayWhenNoConsumers: true }',
        'embedded',
      ),
    );
    const hub = brokerElement(file(files, 'brokers/broker-0/activemq.xml'));
    const back = [...hub.getElementsByTagNameNS(CORE_NS, 'networkConnector')].find(
      (n) => n.getAttribute('name') === 'to-spokes',
    )!;
    expect(back.getAttribute('uri')).toBe(
      'static:(tcp://shop-0:61616,tcp://shop-1:61616,tcp://shop-2:61616)',
    );
    expect(back.getAttribute('duplex')).toBe('false');
    expect(
      one(brokerElement(file(files, 'brokers/shop-1/activemq.xml')), 'transportConnector'),
    ).toBeDefined();
    // replayWhenNoConsumers on the hub, with the duplicate audit off so that a replayed message is not dropped.
    const entry = one(hub, 'policyEntry')!;
    expect(entry.getAttribute('enableAudit')).toBe('false');
    expect(one(entry, 'conditionalNetworkBridgeFilterFactory')!.getAttribute('replayWhenNoConsumers')).toBe(
      'true',
    );
    if (table)
      for (const f of files.filter((x) => x.path.endsWith('.xml')))
        expect(checkAgainstXsd(parseXml(f.content), table)).toEqual([]);
  });

  it('ephemeral storage: no volume for the stores, and the lint beside them', () => {
    const { files } = exportText(
      VARIANT('cluster: { brokers: 2, ha: network-of-brokers, ephemeralStorage: true }'),
    );
    const k8s = file(files, 'kubernetes.yaml');
    expect(k8s).toContain('emptyDir');
    expect(k8s).not.toContain('volumeClaimTemplates');
    expect(k8s).toMatch(/# brokerlab warning ephemeral-store/);
    expect(file(files, 'compose.yaml')).toMatch(/# brokerlab warning ephemeral-store/);
  });

  it('a ConfigMap over the 1 MiB Kubernetes accepts says so beside its data', () => {
    const small = file(
      exportText(VARIANT('embedded: { network: mesh }', 'embedded')).files,
      'kubernetes.yaml',
    );
    expect(small).not.toContain('over the 1 MiB');
    const big = file(
      exportText(VARIANT('embedded: { network: mesh }', 'embedded').replace('replicas: 3', 'replicas: 300'))
        .files,
      'kubernetes.yaml',
    );
    expect(big).toMatch(/# [\d,]+ bytes: over the 1 MiB a ConfigMap may hold/);
  });

  it('memory limits, sendFailIfNoSpace and failover options go where ActiveMQ reads them', () => {
    const { plan, files } = exportText(
      VARIANT(
        'cluster: { brokers: 2, ha: shared-store, memoryLimit: 64MiB, sendFailIfNoSpace: true }\nfailover: { timeout: 5s, maxReconnectAttempts: 20 }',
      ),
    );
    const broker = brokerElement(file(files, 'brokers/broker-0/activemq.xml'));
    expect(
      one(broker, 'systemUsage')!
        .getElementsByTagNameNS(CORE_NS, 'systemUsage')[0]!
        .getAttribute('sendFailIfNoSpace'),
    ).toBe('true');
    expect(
      one(one(broker, 'systemUsage')!, 'memoryUsage')!
        .getElementsByTagNameNS(CORE_NS, 'memoryUsage')[0]!
        .getAttribute('limit'),
    ).toBe(String(64 * 1024 ** 2));
    const uri = readProperties(file(files, 'clients/shop/jndi.properties')).get(
      'connection.ConnectionFactory.brokerURL',
    );
    expect(uri).toBe(plan.connections[0]!.uri);
    expect(uri).toContain('maxReconnectAttempts=20');
    expect(uri).toContain('timeout=5000');
  });
});

describe('hostile names', () => {
  const hostile = `a"b<c&d'e =:#!é\\`;
  const { plan, files } = exportText(`
name: "evil --> <name> & 'co' # \\"x\\" -"
description: "<!-- --> & | pipe"
layout: embedded
destinations: [{ name: ${JSON.stringify(hostile)} }]
applications:
  - id: App_1.x
    replicas: 2
    producers: [{ destination: ${JSON.stringify(hostile)} }]
    consumers: [{ destination: ${JSON.stringify(hostile)} }]
embedded: { network: mesh }
`);

  it('escapes them in XML: it parses and the destination round-trips', () => {
    for (const b of plan.brokers) {
      const doc = parseXml(file(files, `brokers/${b.name}/activemq.xml`));
      expect(doc.getElementsByTagNameNS(CORE_NS, 'queue')[0]!.getAttribute('physicalName')).toBe(hostile);
      if (table) expect(checkAgainstXsd(doc, table)).toEqual([]);
    }
  });

  it('escapes them in .properties: the JNDI name and the destination round-trip', () => {
    const jndi = readProperties(file(files, 'clients/App_1.x/jndi.properties'));
    expect(jndi.get(`queue.${hostile}`)).toBe(hostile);
    expect(jndi.get('connectionFactoryNames')).toBe('App_1.x-0, App_1.x-1');
  });

  it('keeps YAML well-formed and Kubernetes names valid', () => {
    expect(parse(file(files, 'compose.yaml')).name).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
    for (const d of k8sDocuments(file(files, 'kubernetes.yaml'))) {
      expect(d.errors).toEqual([]);
      expect(d.toJS().metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    }
  });

  it('keeps the README one table row per setting', () => {
    const readme = file(files, 'README.md');
    expect(readme).not.toContain('<!--');
    expect(readme.split('\n')[0]).toBe(
      '# evil --&gt; &lt;name&gt; &amp; \'co\' # "x" -: exported by brokerlab',
    );
  });
});
