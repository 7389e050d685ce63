/**
 * The activemq.xml of one standalone broker for the fidelity experiments: one OpenWire
 * connector on the loopback address, KahaDB (or no persistence), the journal's sync strategy,
 * and the shared-file locker's poll interval and the store's lock keep-alive for a shared-store
 * master/slave pair (two brokers given the same `kahadbDir`). Any other activemq.xml can be
 * launched as well (broker.ts).
 */
import type { SyncStrategy } from '../topology/types.js';
import { LOOPBACK } from './ports.js';

export interface BrokerXmlOptions {
  brokerName: string;
  openwirePort: number;
  /** The broker's own data directory (temporary storage, scheduler). */
  dataDir: string;
  persistent: boolean;
  /** KahaDB's directory; two brokers given the same one form a shared-store pair. */
  kahadbDir: string;
  journalDiskSyncStrategy: SyncStrategy;
  /** How often a slave retries the store lock; absent keeps ActiveMQ's default (10 s). */
  lockAcquireSleepIntervalMs?: number;
  /**
   * The store's lockKeepAlivePeriod: a slave that waited for the lock sleeps this long once it
   * has it (SharedFileLocker); absent keeps KahaDB's default, 0 (LockableServiceSupport).
   */
  lockKeepAlivePeriodMs?: number;
}

export function brokerXml(o: BrokerXmlOptions): string {
  const locker =
    o.lockAcquireSleepIntervalMs === undefined
      ? ''
      : `
        <locker><shared-file-locker lockAcquireSleepInterval="${o.lockAcquireSleepIntervalMs}"/></locker>`;
  const keepAlive =
    o.lockKeepAlivePeriodMs === undefined ? '' : ` lockKeepAlivePeriod="${o.lockKeepAlivePeriodMs}"`;
  const store = o.persistent
    ? `
    <persistenceAdapter>
      <kahaDB directory="${attr(o.kahadbDir)}" journalDiskSyncStrategy="${o.journalDiskSyncStrategy}"${keepAlive}>${locker}
      </kahaDB>
    </persistenceAdapter>`
    : '';
  return `<beans xmlns="http://www.springframework.org/schema/beans"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.springframework.org/schema/beans http://www.springframework.org/schema/beans/spring-beans.xsd
  http://activemq.apache.org/schema/core http://activemq.apache.org/schema/core/activemq-core.xsd">
  <broker xmlns="http://activemq.apache.org/schema/core" brokerName="${attr(o.brokerName)}" useJmx="false"
      persistent="${o.persistent}" dataDirectory="${attr(o.dataDir)}">${store}
    <transportConnectors>
      <transportConnector name="openwire" uri="tcp://${LOOPBACK}:${o.openwirePort}"/>
    </transportConnectors>
  </broker>
</beans>
`;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
