/**
 * A real ActiveMQ broker process, started from any activemq.xml (a file or its text) with a data
 * directory and the OpenWire port its configuration listens on, the way Debian's
 * /usr/bin/activemq starts one (`java -jar activemq.jar start xbean:file:...`), but in the
 * foreground, by PID, with its log on stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Installation } from './installation.js';
import { JavaProcess } from './javaProcess.js';
import { accepts, LOOPBACK } from './ports.js';

export interface BrokerLaunch {
  config: { path: string } | { text: string };
  /** Scratch space for this broker: its configuration directory, log and (by default) data. */
  dataDir: string;
  /** The OpenWire port the configuration listens on (also passed as -Dbrokerlab.openwire.port). */
  openwirePort: number;
  heapMb?: number;
}

/**
 * log4j 1.2 (what Debian's ActiveMQ binds slf4j to): INFO on stdout, without Spring's chatter.
 * SharedFileLocker at TRACE logs each failed lock attempt and the instant a slave takes the lock
 * ("keepAlive result: true"), which the fidelity probes time a failover's recovery from.
 */
const LOG4J = `log4j.rootLogger=INFO, stdout
log4j.logger.org.springframework=WARN
log4j.logger.org.apache.xbean=WARN
log4j.logger.org.apache.activemq.store.SharedFileLocker=TRACE
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=%d{ISO8601} %-5p %c{1} - %m%n
`;

/** The log line of a shared-store broker taking the lock (SharedFileLocker at TRACE, above). */
export const TAKES_LOCK = /SharedFileLocker - keepAlive result: true/;

/**
 * When a log4j line ("2026-11-30 12:00:00,123 ..." as LOG4J's ISO8601 layout prints it, in the
 * JVM's local time) was written, in ms since the epoch; NaN for no line.
 */
export function logLineMs(line: string | undefined): number {
  return line ? Date.parse(line.slice(0, 23).replace(' ', 'T').replace(',', '.')) : Number.NaN;
}

export class RealBroker {
  readonly url: string;

  constructor(
    readonly process: JavaProcess,
    readonly openwirePort: number,
  ) {
    this.url = `tcp://${LOOPBACK}:${openwirePort}`;
  }

  get pid(): number {
    return this.process.pid;
  }

  /** Polls the OpenWire port until it accepts a connection; fails if the broker exits first. */
  async waitUntilAccepting(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.process.exit !== null)
        throw this.process.failure(`exited (${this.process.exit}) while starting`);
      if (await accepts(this.openwirePort)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw this.process.failure(`did not accept connections on ${this.url} within ${timeoutMs} ms`);
  }

  /** kill -9: the process dies at once, as in a crash. */
  kill(): Promise<void> {
    return this.process.kill();
  }

  /** A clean stop: SIGTERM runs ActiveMQ's shutdown hook (connectors, then the store, closed). */
  stop(graceMs = 20_000): Promise<void> {
    return this.process.terminate(graceMs);
  }
}

export function launchBroker(inst: Installation, launch: BrokerLaunch): RealBroker {
  const conf = join(launch.dataDir, 'conf');
  mkdirSync(conf, { recursive: true });
  writeFileSync(join(conf, 'log4j.properties'), LOG4J);
  let xml: string;
  if ('path' in launch.config) xml = resolve(launch.config.path);
  else {
    xml = join(conf, 'activemq.xml');
    writeFileSync(xml, launch.config.text);
  }
  const args = [
    `-Xmx${launch.heapMb ?? 256}m`,
    `-Dactivemq.home=${inst.activemqHome}`,
    `-Dactivemq.base=${launch.dataDir}`,
    `-Dactivemq.conf=${conf}`,
    `-Dactivemq.data=${launch.dataDir}`,
    `-Dbrokerlab.openwire.port=${launch.openwirePort}`,
    '-jar',
    join(inst.activemqHome, 'bin', 'activemq.jar'),
    'start',
    `xbean:file:${xml}`,
  ];
  return new RealBroker(new JavaProcess(inst.java, args, launch.dataDir), launch.openwirePort);
}
