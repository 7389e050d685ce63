/**
 * `node --import tsx fidelity/failoverProbe.ts [mirror] [reps]`: where the time of a real
 * shared-store failover goes, step by step, from the master's kill (kill -9): the slave's lock
 * (its first log line after waiting), its store recovery and its connector, and the producer's
 * failover transport (`interrupted`, `resumed`: reconnected and state replayed) up to its first
 * acknowledged send. Runs the mirror's experiment as fidelity/failover.ts does (default mirror:
 * failover-1s-lock-poll); a source of the failover defaults in src/model/defaults.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logLineMs, TAKES_LOCK } from '../src/real/broker.js';
import { startClient } from '../src/real/clients.js';
import { embeddingClasspath } from '../src/real/installation.js';
import { killMasterOnTime } from './failover.js';
import { openLab, sleep, withRun } from './lab.js';
import { loadMirror } from './mirror.js';

const mirror = loadMirror(process.argv[2] ?? 'failover-1s-lock-poll');
const reps = Number(process.argv[3] ?? 3);
const opened = await openLab();
if (!opened.ok) throw new Error(opened.missing);
const lab = opened.lab;

const LOG4J = `log4j.rootLogger=WARN, out
log4j.logger.org.apache.activemq.transport.failover=DEBUG
log4j.appender.out=org.apache.log4j.ConsoleAppender
log4j.appender.out.layout=org.apache.log4j.PatternLayout
log4j.appender.out.layout.ConversionPattern=%d{yyyy-MM-dd HH:mm:ss,SSS} %m%n
`;

for (let rep = 1; rep <= reps; rep++) {
  const line = await withRun(`failover-probe-${rep}`, async (run) => {
    // The producer logs its failover transport's attempts (log4j 1.2 from lib/optional, DEBUG).
    writeFileSync(join(run.dir, 'log4j.properties'), LOG4J);
    const { master, slave, p, killMs } = await killMasterOnTime(lab, run, mirror, (options) =>
      run.own(
        startClient(
          lab.inst,
          lab.classes,
          'Producer',
          options,
          run.dir,
          `${run.dir}:${embeddingClasspath(lab.inst)}`,
        ),
      ),
    );
    const epoch = () => p.events().find((e) => e.ev === 'start')?.epochMs ?? 0;
    const at = (name: string) =>
      p
        .events()
        .filter((e) => e.ev === name)
        .map((e) => epoch() + e.t / 1000);
    await p.waitForLine((l) => l.includes('"interrupted"'), 60_000, 'interrupted');
    await p.waitForLine(() => at('resumed').some((t) => t > at('interrupted')[0]!), 60_000, 'resumed');
    await sleep(1_000);
    const lines = slave.process.lines;
    const waiting = lines.findIndex((l) => /is locked by another server/.test(l));
    const after = (re: RegExp) => lines.slice(waiting + 1).find((l) => re.test(l));
    const locked = after(TAKES_LOCK);
    const rel = (ms: number) => `${((ms - killMs) / 1000).toFixed(3)}s`;
    const resumed = at('resumed').find((t) => t > at('interrupted')[0]!)!;
    const firstSent = at('sent').find((t) => t > resumed) ?? Number.NaN;
    if (process.env.PROBE_DEBUG) process.stderr.write(`${lines.slice(waiting).join('\n')}\n`);
    const log = p.lines.filter((l) => /^\d{4}-/.test(l) && logLineMs(l) >= killMs);
    const tries = log.filter((l) => /urlList connectionList/.test(l)).map(logLineMs);
    const waits = log
      .filter((l) => /Waiting \d+ ms/.test(l))
      .map((l) => Number(/Waiting (\d+) ms/.exec(l)![1]));
    // What an attempt adds to its delay: from one attempt to the next, less the delay between them.
    const overheads = tries.slice(1).map((t, i) => Math.round(t - tries[i]! - waits[i + 1]!));
    return [
      `rep ${rep}:`,
      // KahaDB's checkpoint timer starts as the master's store opens (logged just before).
      `store opened ${rel(logLineMs(master.process.lines.find((l) => /Using Persistence Adapter/.test(l))))}`,
      `slave waiting ${rel(logLineMs(lines[waiting]))}`,
      `locked ${rel(logLineMs(locked))}`,
      `store read ${rel(logLineMs(after(/PageFile|KahaDB is version/)))}`,
      `connector ${rel(logLineMs(after(/Connector openwire started/)))}`,
      `started ${rel(logLineMs(after(/BrokerService.*started/)))}`,
      `interrupted ${rel(at('interrupted')[0]!)}`,
      `resumed ${rel(resumed)}`,
      `first sent ${rel(firstSent)}`,
      `| attempts ${tries.map(rel).join(' ')}`,
      `| overhead ms ${overheads.join(' ')}`,
      `| ${after(/Recovery replayed/)?.slice(24) ?? 'no replay line'}`,
    ].join(' ');
  });
  process.stdout.write(`${line}\n`);
}
