/**
 * The networkConnectors of one broker, from the plan's bridge sets. A duplex bridge is opened by
 * one side only (in a mesh, the earlier member towards each later one); a one-way bridge by each
 * side that forwards.
 */
import type { BridgeSet, Plan } from '../plan/types.js';
import { tcpUri } from '../plan/uris.js';

export interface NetworkConnectorSpec {
  name: string;
  uri: string;
  duplex: boolean;
  /** Brokers a message may cross: 1 to a direct peer, +1 for each relay (a hub, a network behind it). */
  networkTTL: number;
  decreaseNetworkConsumerPriority: boolean;
}

export function networkConnectorsOf(plan: Plan, broker: string): NetworkConnectorSpec[] {
  return plan.bridgeSets.flatMap((set) => connectorsIn(plan, set, broker));
}

/** Whether the broker takes part in any bridge, either side. */
export function isNetworked(plan: Plan, broker: string): boolean {
  return plan.bridgeSets.some((s) =>
    s.kind === 'mesh' ? s.brokers.includes(broker) : s.spokes.includes(broker) || s.hub.includes(broker),
  );
}

/** Whether another broker opens a bridge to this one, so that it needs a TCP connector. */
export function acceptsBridges(plan: Plan, broker: string): boolean {
  return plan.bridgeSets.some((s) => {
    if (s.kind === 'mesh') return s.brokers.includes(broker) && s.brokers[0] !== broker;
    return s.hub.includes(broker) || (!s.duplex && s.purpose === 'hub' && s.spokes.includes(broker));
  });
}

function connectorsIn(plan: Plan, set: BridgeSet, broker: string): NetworkConnectorSpec[] {
  const t = plan.topology;
  const hubIsNetwork = t.cluster?.ha === 'network-of-brokers' && t.cluster.brokers > 1;
  if (set.kind === 'mesh') {
    const at = set.brokers.indexOf(broker);
    if (at < 0) return [];
    const peers = set.duplex ? set.brokers.slice(at + 1) : set.brokers.filter((b) => b !== broker);
    if (peers.length === 0) return [];
    const amongCluster = plan.brokers.some((b) => b.name === broker && b.placement === 'cluster');
    const decrease = amongCluster
      ? (t.cluster?.decreaseNetworkConsumerPriority ?? false)
      : (t.embedded?.decreaseNetworkConsumerPriority ?? false);
    return [
      {
        name: 'mesh',
        uri: staticList(peers),
        duplex: set.duplex,
        networkTTL: 1,
        decreaseNetworkConsumerPriority: decrease,
      },
    ];
  }
  const decrease = t.embedded?.decreaseNetworkConsumerPriority ?? false;
  // Spoke -> hub -> spoke takes two brokers; forwarding into the hub one; a network behind the hub one more.
  const ttl = (set.purpose === 'hub' ? 2 : 1) + (hubIsNetwork ? 1 : 0);
  if (set.spokes.includes(broker))
    return [
      {
        name: set.purpose,
        uri: set.connectorUri,
        duplex: set.duplex,
        networkTTL: ttl,
        decreaseNetworkConsumerPriority: decrease,
      },
    ];
  if (set.hub.includes(broker) && !set.duplex && set.purpose === 'hub')
    return [
      {
        name: 'to-spokes',
        uri: staticList(set.spokes),
        duplex: false,
        networkTTL: ttl,
        decreaseNetworkConsumerPriority: decrease,
      },
    ];
  return [];
}

/** `static:(tcp://a:61616,tcp://b:61616)`: one bridge to each listed broker. */
function staticList(brokers: readonly string[]): string {
  return `static:(${brokers.map(tcpUri).join(',')})`;
}
