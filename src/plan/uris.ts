/** The ActiveMQ URIs a plan hands to clients and bridges. */
import { DEFAULT_FAILOVER } from '../model/defaults.js';
import type { FailoverSettings, Topology } from '../topology/types.js';

export const OPENWIRE_PORT = 61616;

export function tcpUri(host: string): string {
  return `tcp://${host}:${OPENWIRE_PORT}`;
}

/** `vm://orders-3?create=false`: the broker is started by the application's own configuration. */
export function vmUri(broker: string, persistent: boolean): string {
  return persistent ? `vm://${broker}?create=false` : `vm://${broker}?broker.persistent=false`;
}

/**
 * `failover:(tcp://broker-0:61616,tcp://broker-1:61616)?randomize=false`, with every non-default
 * option, and the connection's send options (`jms.useAsyncSend=true`, see sendOptions).
 */
export function failoverUri(
  brokers: readonly string[],
  failover: FailoverSettings,
  jms: readonly string[],
): string {
  const options: string[] = [];
  const d = DEFAULT_FAILOVER;
  if (failover.randomize !== d.randomize) options.push(`randomize=${failover.randomize}`);
  if (failover.initialReconnectDelayUs !== d.initialReconnectDelayUs)
    options.push(`initialReconnectDelay=${ms(failover.initialReconnectDelayUs)}`);
  if (failover.maxReconnectDelayUs !== d.maxReconnectDelayUs)
    options.push(`maxReconnectDelay=${ms(failover.maxReconnectDelayUs)}`);
  if (failover.backOffMultiplier !== d.backOffMultiplier)
    options.push(`backOffMultiplier=${failover.backOffMultiplier}`);
  if (failover.useExponentialBackOff !== d.useExponentialBackOff)
    options.push(`useExponentialBackOff=${failover.useExponentialBackOff}`);
  if (failover.maxReconnectAttempts !== d.maxReconnectAttempts)
    options.push(`maxReconnectAttempts=${failover.maxReconnectAttempts}`);
  if (failover.timeoutUs !== d.timeoutUs) options.push(`timeout=${ms(failover.timeoutUs)}`);
  if (failover.trackMessages !== d.trackMessages) options.push(`trackMessages=${failover.trackMessages}`);
  options.push(...jms);
  const list = brokers.map(tcpUri).join(',');
  return `failover:(${list})${options.length > 0 ? `?${options.join('&')}` : ''}`;
}

/** A network connector's URI: `static:(failover:(...))` to a cluster, `static:(tcp://peer:61616)` to one broker. */
export function bridgeUri(to: readonly string[]): string {
  return to.length === 1 ? `static:(${tcpUri(to[0]!)})` : `static:(failover:(${to.map(tcpUri).join(',')}))`;
}

function ms(us: number): number {
  return Math.round(us / 1000);
}

/**
 * The send options an application's connection needs where its producers differ from ActiveMQ's
 * default (persistent sync, non-persistent async): useAsyncSend for an async persistent one,
 * alwaysSyncSend for a sync non-persistent one.
 */
export function sendOptions(t: Topology, appId: string): string[] {
  const producers = t.applications.find((a) => a.id === appId)?.producers ?? [];
  const options: string[] = [];
  if (producers.some((p) => p.persistent && p.sendMode === 'async')) options.push('jms.useAsyncSend=true');
  if (producers.some((p) => !p.persistent && p.sendMode === 'sync')) options.push('jms.alwaysSyncSend=true');
  return options;
}
