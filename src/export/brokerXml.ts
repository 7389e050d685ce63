/**
 * One broker instance of a plan -> its activemq.xml (ActiveMQ 5.17's XML schema): persistence
 * with its locker, transport and network connectors, destination policies, memory limits and
 * producer flow control. Element and attribute names are checked against activemq.xsd in tests.
 */
import type { Plan, PlannedBroker } from '../plan/types.js';
import { OPENWIRE_PORT } from '../plan/uris.js';
import type { StoreSettings } from '../topology/types.js';
import { humanDurationUs } from '../topology/units.js';
import { brokerDataDir, msOf, sharedStoreDir } from './layout.js';
import { lintLine, lintsAt } from './lintPlaces.js';
import { acceptsBridges, isNetworked, networkConnectorsOf } from './networkConnectors.js';
import { comment, element, renderXml, type XmlNode } from './xml.js';

const BEANS_NS = 'http://www.springframework.org/schema/beans';
const CORE_NS = 'http://activemq.apache.org/schema/core';

/** The settings a broker takes from the topology: its embedded or its cluster section. */
interface BrokerSettings {
  store: StoreSettings;
  memoryLimitBytes: number;
  sendFailIfNoSpace: boolean;
  replayWhenNoConsumers: boolean;
}

export function brokerXml(plan: Plan, broker: PlannedBroker): string {
  const s = settingsOf(plan, broker);
  const children: XmlNode[] = [
    ...lintsAt(plan, 'broker-config').map((l) => comment(lintLine(l))),
    destinations(plan),
    destinationPolicy(plan, broker, s),
    ...networkConnectors(plan, broker),
    ...persistence(plan, broker, s),
    systemUsage(s),
    transportConnectors(plan, broker),
  ];
  const root = element(
    'beans',
    [
      ['xmlns', BEANS_NS],
      ['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
      [
        'xsi:schemaLocation',
        `${BEANS_NS} http://www.springframework.org/schema/beans/spring-beans.xsd ${CORE_NS} http://activemq.apache.org/schema/core/activemq-core.xsd`,
      ],
    ],
    [
      ...(broker.store !== null && s.store.kind === 'jdbc' ? [dataSourceBean()] : []),
      element(
        'broker',
        [
          ['xmlns', CORE_NS],
          ['brokerName', broker.name],
          ['dataDirectory', brokerDataDir(broker.name)],
          ['persistent', broker.store !== null],
        ],
        children,
      ),
    ],
  );
  return renderXml(root, [
    comment(
      `brokerlab export of topology ${plan.topology.name}: broker ${broker.name} (${describe(broker)})`,
    ),
  ]);
}

function describe(b: PlannedBroker): string {
  if (b.placement === 'embedded') return `embedded in process ${b.process}, reached as vm://${b.name}`;
  return `${b.role} at start, a broker process of its own`;
}

function settingsOf(plan: Plan, broker: PlannedBroker): BrokerSettings {
  const t = plan.topology;
  if (broker.placement === 'embedded') {
    const e = t.embedded!;
    return {
      store: e.store,
      memoryLimitBytes: e.memoryLimitBytes,
      sendFailIfNoSpace: e.sendFailIfNoSpace,
      replayWhenNoConsumers: false,
    };
  }
  const c = t.cluster!;
  return {
    store: c.store,
    memoryLimitBytes: c.memoryLimitBytes,
    sendFailIfNoSpace: c.sendFailIfNoSpace,
    replayWhenNoConsumers: c.replayWhenNoConsumers,
  };
}

/** Destinations created at start, so that they exist before the first producer or bridge. */
function destinations(plan: Plan): XmlNode {
  return element(
    'destinations',
    [],
    plan.topology.destinations.map((d) => element(d.type, [['physicalName', d.name]])),
  );
}

function destinationPolicy(plan: Plan, broker: PlannedBroker, s: BrokerSettings): XmlNode {
  const networked = isNetworked(plan, broker.name);
  const queueChildren: XmlNode[] = networked
    ? [
        comment(
          s.replayWhenNoConsumers
            ? 'replayWhenNoConsumers: a message forwarded here goes back when its consumer moved (the audit is off so that it is not rejected as a duplicate)'
            : 'replayWhenNoConsumers false (ActiveMQ default): a message forwarded here stays here when its consumer moves away ("stuck")',
        ),
        element(
          'networkBridgeFilterFactory',
          [],
          [
            element('conditionalNetworkBridgeFilterFactory', [
              ['replayWhenNoConsumers', s.replayWhenNoConsumers],
            ]),
          ],
        ),
      ]
    : [];
  const flowControl: [string, boolean][] = [['producerFlowControl', true]];
  const queueAttrs: [string, string | boolean][] = [['queue', '>'], ...flowControl];
  if (networked && s.replayWhenNoConsumers) queueAttrs.push(['enableAudit', false]);
  return element(
    'destinationPolicy',
    [],
    [
      element(
        'policyMap',
        [],
        [
          element(
            'policyEntries',
            [],
            [
              element('policyEntry', queueAttrs, queueChildren),
              element('policyEntry', [['topic', '>'], ...flowControl]),
            ],
          ),
        ],
      ),
    ],
  );
}

function networkConnectors(plan: Plan, broker: PlannedBroker): XmlNode[] {
  const specs = networkConnectorsOf(plan, broker.name);
  if (specs.length === 0) return [];
  return [
    element(
      'networkConnectors',
      [],
      specs.map((n) =>
        element('networkConnector', [
          ['name', n.name],
          ['uri', n.uri],
          ['duplex', n.duplex],
          ['networkTTL', n.networkTTL],
          ['decreaseNetworkConsumerPriority', n.decreaseNetworkConsumerPriority],
        ]),
      ),
    ),
  ];
}

function persistence(plan: Plan, broker: PlannedBroker, s: BrokerSettings): XmlNode[] {
  if (broker.store === null)
    return [comment('store memory: broker.persistent=false, every message is lost at a restart')];
  const c = plan.topology.cluster;
  const sharedGroup =
    broker.placement === 'cluster' && c !== null && (c.ha === 'shared-store' || c.ha === 'jdbc');
  const notes: XmlNode[] = [];
  if (broker.placement === 'cluster' && c?.ha === 'replicated')
    notes.push(
      comment(
        'ha replicated: ActiveMQ 5.17 has no replicated store (replicated LevelDB is gone); each broker keeps its own KahaDB here',
      ),
    );
  if (s.store.kind === 'jdbc') return [...notes, ...jdbc(plan, broker)];
  const directory = sharedGroup ? `${sharedStoreDir()}/kahadb` : `${brokerDataDir(broker.name)}/kahadb`;
  const attrs: [string, string | number][] = [
    ['directory', directory],
    ['journalDiskSyncStrategy', s.store.journalDiskSyncStrategy],
    ['journalDiskSyncInterval', msOf(s.store.journalDiskSyncIntervalUs)],
  ];
  const lockers: XmlNode[] = [];
  if (sharedGroup) {
    attrs.push(['lockKeepAlivePeriod', msOf(c!.lock.lockKeepAlivePeriodUs)]);
    lockers.push(
      comment(
        `shared store: the first broker to lock ${directory} is master; the others retry every lockAcquireSleepInterval, and one that gets the lock waits a lockKeepAlivePeriod (${humanDurationUs(c!.lock.lockKeepAlivePeriodUs)}) before it starts, so that a master that lost the lock notices first: a failover takes at least that long`,
      ),
      element(
        'locker',
        [],
        [
          element('shared-file-locker', [
            ['lockAcquireSleepInterval', msOf(c!.lock.lockAcquireSleepIntervalUs)],
          ]),
        ],
      ),
    );
  }
  return [...notes, element('persistenceAdapter', [], [element('kahaDB', attrs, lockers)])];
}

/** JDBC master/slave: the lock is a lease row in the database, renewed every lockKeepAlivePeriod. */
function jdbc(plan: Plan, broker: PlannedBroker): XmlNode[] {
  const lock = plan.topology.cluster!.lock;
  return [
    element(
      'persistenceAdapter',
      [],
      [
        element(
          'jdbcPersistenceAdapter',
          [
            ['dataSource', '#brokerlab-store'],
            ['lockKeepAlivePeriod', msOf(lock.lockKeepAlivePeriodUs)],
          ],
          [
            element(
              'locker',
              [],
              [
                element('lease-database-locker', [
                  ['lockAcquireSleepInterval', msOf(lock.lockAcquireSleepIntervalUs)],
                  ['leaseHolderId', broker.name],
                ]),
              ],
            ),
          ],
        ),
      ],
    ),
  ];
}

/** A Spring bean beside the broker element (beans namespace): point it at your database. */
function dataSourceBean(): XmlNode {
  const property = (name: string, value: string) =>
    element('property', [
      ['name', name],
      ['value', value],
    ]);
  return element(
    'bean',
    [
      ['id', 'brokerlab-store'],
      ['class', 'org.apache.commons.dbcp2.BasicDataSource'],
      ['destroy-method', 'close'],
    ],
    [
      comment(
        'the database every broker of the group shares; replace the URL, driver and credentials with yours',
      ),
      property('driverClassName', 'org.postgresql.Driver'),
      property('url', 'jdbc:postgresql://database:5432/activemq'),
      property('username', 'activemq'),
      property('password', 'activemq'),
    ],
  );
}

function systemUsage(s: BrokerSettings): XmlNode {
  return element(
    'systemUsage',
    [],
    [
      element(
        'systemUsage',
        [['sendFailIfNoSpace', s.sendFailIfNoSpace]],
        [
          comment(
            'producer flow control starts at this limit; give the JVM a larger heap, or ActiveMQ lowers it to 70% of the heap at start',
          ),
          element('memoryUsage', [], [element('memoryUsage', [['limit', s.memoryLimitBytes]])]),
        ],
      ),
    ],
  );
}

function transportConnectors(plan: Plan, broker: PlannedBroker): XmlNode {
  // An embedded broker is reached over vm:// by its own process; it listens on TCP only for bridges.
  const tcp = broker.placement === 'cluster' || acceptsBridges(plan, broker.name);
  if (!tcp) return comment('no transport connector: only its own process connects, over vm://');
  return element(
    'transportConnectors',
    [],
    [
      element('transportConnector', [
        ['name', 'openwire'],
        ['uri', `tcp://0.0.0.0:${OPENWIRE_PORT}`],
      ]),
    ],
  );
}
