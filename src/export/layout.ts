/**
 * Where the exported files live inside the containers, and where brokers keep their data. The
 * same paths appear in the activemq.xml files, the client URIs and the manifests' mounts.
 */

/** The output directory is mounted here (read-only) in every container. */
export const CONFIG_ROOT = '/etc/brokerlab';

/** Broker data: `<DATA_ROOT>/<broker>` per broker, `<DATA_ROOT>/shared-store` for a shared store. */
export const DATA_ROOT = '/var/lib/brokerlab';

/** The OpenWire port every broker listens on (each broker is a host of its own in production). */
export { OPENWIRE_PORT } from '../plan/uris.js';

export function brokerConfigPath(broker: string): string {
  return `brokers/${broker}/activemq.xml`;
}

/** `xbean:file:/etc/brokerlab/brokers/orders-3/activemq.xml`: how a vm:// URI names its broker's configuration. */
export function xbeanUri(broker: string): string {
  return `xbean:file:${CONFIG_ROOT}/${brokerConfigPath(broker)}`;
}

export function brokerDataDir(broker: string): string {
  return `${DATA_ROOT}/${broker}`;
}

export function sharedStoreDir(): string {
  return `${DATA_ROOT}/shared-store`;
}

export function msOf(us: number): number {
  return Math.round(us / 1000);
}

/**
 * The broker image the manifests run. The exported XML is checked against ActiveMQ 5.17's
 * schema; apache/activemq-classic publishes 5.18 and later, which read it unchanged.
 */
export const BROKER_IMAGE = 'apache/activemq-classic:5.18.6';

/** The image's start script in the foreground, on the broker's exported configuration. */
export function brokerCommand(broker: string): string[] {
  return ['/opt/apache-activemq/bin/activemq', 'console', xbeanUri(broker)];
}

/** A placeholder the team replaces with its application's image. */
export function appImage(appId: string): string {
  return `registry.example.com/${appId.toLowerCase()}:latest`;
}
