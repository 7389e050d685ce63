/** A simulation result for the terminal: fates, latency, availability and what each fault did. */
import type { SimResult } from '../../sim/result.js';
import { plural } from '../../text/plural.js';
import { humanDurationUs } from '../../topology/units.js';
import { formatCount as n, renderTable } from './table.js';

const d = (us: number) => (us < 0 ? '-' : humanDurationUs(us));

export function resultText(r: SimResult): string {
  const f = r.fates;
  const out: string[] = [];
  out.push(
    `${r.topology}: seed ${r.seed}, ${d(r.durationUs)} of sends, ended at ${d(r.endUs)} (${n(r.events)} events)`,
  );
  out.push(
    renderTable(
      [
        ['sent', n(f.sent), f.fanout > 0 ? `+ ${n(f.fanout)} topic copies` : ''],
        ['delivered', n(f.delivered), ''],
        ['lost', n(f.lost), 'acknowledged to the producer, then gone'],
        ['stranded', n(f.stranded), 'in a store that is down at the end'],
        ['in flight', n(f.inFlight), r.stuck > 0 ? `${n(r.stuck)} stuck where no consumer is` : ''],
        ['send failed', n(f.sendFailed), 'the producer was told, and it never left'],
        [
          'outcome unknown',
          n(f.unknown),
          r.outcomeUnknown.sends > 0
            ? `gone; of ${n(r.outcomeUnknown.sends)} sends left without an answer, ${n(r.outcomeUnknown.recovered)} delivered after all, ${n(r.outcomeUnknown.held)} still held`
            : 'the producer stopped waiting without an answer, and no copy is left',
        ],
        ['dead-lettered', n(f.deadLettered), 'ActiveMQ.DLQ after too many redeliveries'],
        ['discarded', n(f.discarded), 'topic messages without a subscriber'],
        ['duplicates', n(r.duplicates), 'deliveries beyond the first'],
        ['redeliveries', n(r.redeliveries), ''],
      ],
      ['left', 'right', 'left'],
      '  ',
    ),
  );
  const l = r.latency;
  out.push(
    l.count === 0
      ? 'latency: no message delivered after the warm-up'
      : `latency (send to onMessage, ${n(l.count)} messages): p50 ${d(l.p50Us)}  p90 ${d(l.p90Us)}  p99 ${d(l.p99Us)}  p99.9 ${d(l.p999Us)}  max ${d(l.maxUs)}`,
  );
  out.push(
    `throughput: ${n(r.throughput.sentPerSecond, 1)}/s sent, ${n(r.throughput.deliveredPerSecond, 1)}/s delivered while sending`,
  );
  const u = r.unavailability;
  out.push(
    `unavailability: ${plural(u.windows, 'window')}, longest ${d(u.maxUs)}, total ${d(u.totalUs)}` +
      (u.stillBlockedMaxUs > 0
        ? `; a send was still blocked at the end after ${d(u.stillBlockedMaxUs)}`
        : '') +
      (r.flowControlBlocks > 0 ? `; ${n(r.flowControlBlocks)} flow-control blocks` : ''),
  );
  const down = r.applicationDowntime;
  out.push(
    down.windows === 0
      ? 'application downtime: none'
      : `application downtime (processes dead while requests arrived): ${plural(down.byProcess.length, 'process', 'processes')}, longest ${d(down.maxUs)}, total ${d(down.totalUs)}`,
  );
  if (r.faults.length === 0) out.push('faults: none');
  else {
    out.push(`faults (${r.faults.length}):`);
    const rows = [
      ['at', 'fault', 'target', 'back after', 'at risk', 'lost', 'dup', 'stranded', 'failover', 'all back'],
    ];
    for (const x of r.faults) {
      rows.push([
        d(x.atUs),
        x.kind,
        x.peer ? `${x.target} / ${x.peer}` : x.target,
        x.restartAfterUs < 0 ? 'never' : x.durationUs > 0 ? d(x.durationUs) : d(x.restartAfterUs),
        n(x.atRisk),
        n(x.lost),
        n(x.duplicated),
        n(x.stranded),
        d(x.failoverUs),
        d(x.allRecoveredUs),
      ]);
    }
    out.push(
      renderTable(
        rows,
        ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
        '  ',
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
