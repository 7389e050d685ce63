/**
 * Which fault kinds `verify` can inject for real on one machine, and how; the others are
 * skipped with the reason. One table, read by the real run and by the report.
 */
import type { FaultKind } from '../topology/types.js';

export type Injection =
  | { how: 'kill'; text: string }
  | { how: 'stop'; text: string }
  | { how: 'remove-store'; text: string }
  | { how: 'skip'; reason: string };

export const INJECTIONS: Record<FaultKind, Injection> = {
  'process-crash': { how: 'kill', text: 'kill -9 of the application process (its embedded broker with it)' },
  'broker-crash': { how: 'kill', text: 'kill -9 of the broker process' },
  'broker-restart': { how: 'stop', text: 'a clean stop (SIGTERM: the broker closes its store)' },
  'disk-loss': {
    how: 'remove-store',
    text: 'kill -9 of the store owner, then its store directory removed',
  },
  'power-loss': {
    how: 'skip',
    reason:
      "cannot lose power on one machine: after kill -9 the kernel still writes the process's unsynced journal pages, so a power loss would look like a crash",
  },
  partition: {
    how: 'skip',
    reason:
      'every process shares the loopback interface: a partition needs network namespaces or a firewall (root)',
  },
  'slow-disk': {
    how: 'skip',
    reason: 'a slow fsync needs a throttled block device (dm-delay, root)',
  },
};
