/**
 * The URIs an application's processes connect with: the plan's failover: URI to a cluster as it
 * is, and for an embedded broker a vm:// URI that starts the broker from its exported
 * activemq.xml (`brokerConfig=xbean:...`) with the connection options the topology sets.
 */

import { DEFAULT_EMBEDDED } from '../model/defaults.js';
import type { ClientConnection, Plan } from '../plan/types.js';
import { usesAsyncSend } from '../plan/uris.js';
import { xbeanUri } from './layout.js';

export interface ClientUri {
  process: string;
  transport: 'vm' | 'tcp';
  carries: ClientConnection['carries'];
  /** The plan's URI (for vm://, the form that attaches to a broker already started). */
  planUri: string;
  /** The URI the exported configuration hands to the application. */
  uri: string;
}

export function clientUrisOf(plan: Plan, appId: string): ClientUri[] {
  const processes = new Set(plan.processes.filter((p) => p.app === appId).map((p) => p.name));
  return plan.connections
    .filter((c) => processes.has(c.process))
    .map((c) => ({
      process: c.process,
      transport: c.transport,
      carries: c.carries,
      planUri: c.uri,
      uri: c.transport === 'tcp' ? c.uri : vmClientUri(plan, appId, c.brokers[0]!),
    }));
}

/** `vm://orders-3?brokerConfig=xbean:file:...`: the first connection starts the broker from its file. */
export function vmClientUri(plan: Plan, appId: string, broker: string): string {
  const e = plan.topology.embedded;
  const options = [`brokerConfig=${xbeanUri(broker)}`];
  if (usesAsyncSend(plan.topology, appId)) options.push('jms.useAsyncSend=true');
  if (e && e.copyMessageOnSend !== DEFAULT_EMBEDDED.copyMessageOnSend)
    options.push(`jms.copyMessageOnSend=${e.copyMessageOnSend}`);
  if (e && e.objectMessageSerializationDefered !== DEFAULT_EMBEDDED.objectMessageSerializationDefered)
    options.push(`jms.objectMessageSerializationDefered=${e.objectMessageSerializationDefered}`);
  return `vm://${broker}?${options.join('&')}`;
}
