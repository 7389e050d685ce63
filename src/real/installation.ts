/**
 * Where the JDK and ActiveMQ are on this machine: Debian's `activemq` package (5.17.2) and a
 * JDK with javac. `ACTIVEMQ_HOME` and `JAVA_HOME` override the defaults.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export interface Installation {
  java: string;
  javac: string;
  /** ActiveMQ's home: bin/activemq.jar and lib/ (client, broker, KahaDB and their dependencies). */
  activemqHome: string;
  /** The classpath of the client programs: every jar of ActiveMQ's lib/. */
  classpath: string;
  activemqVersion: string;
}

export type Found = { ok: true; installation: Installation } | { ok: false; missing: string };

export const INSTALL_HINT =
  'install them with: sudo apt-get install -y activemq default-jdk-headless (Debian/Ubuntu)';

export function findInstallation(env: NodeJS.ProcessEnv = process.env): Found {
  const java = findTool('java', env);
  const javac = findTool('javac', env);
  const activemqHome = env.ACTIVEMQ_HOME ?? '/usr/share/activemq';
  const runJar = join(activemqHome, 'bin', 'activemq.jar');
  const missing = [
    java ? null : 'java',
    javac ? null : 'javac (a JDK, not only a JRE)',
    existsSync(runJar) ? null : `ActiveMQ (${runJar})`,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0 || !java || !javac) return { ok: false, missing: `${missing.join(', ')} not found` };
  return {
    ok: true,
    installation: {
      java,
      javac,
      activemqHome,
      classpath: join(activemqHome, 'lib', '*'),
      activemqVersion: versionOf(join(activemqHome, 'lib', 'activemq-client.jar')),
    },
  };
}

/** Client classpath plus lib/optional (xbean-spring, Spring): what a vm://...?brokerConfig=xbean: URI needs. */
export function embeddingClasspath(inst: Installation): string {
  return `${inst.classpath}${delimiter}${join(inst.activemqHome, 'lib', 'optional', '*')}`;
}

function findTool(name: string, env: NodeJS.ProcessEnv): string | null {
  const dirs = [env.JAVA_HOME ? join(env.JAVA_HOME, 'bin') : null, ...(env.PATH ?? '').split(delimiter)];
  for (const dir of dirs) {
    if (!dir) continue;
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return null;
}

/** Debian ships activemq-client-<version>.jar beside the jar that lib/activemq-client.jar links to. */
function versionOf(clientJar: string): string {
  try {
    for (const name of readdirSync(dirname(realpathSync(clientJar)))) {
      const match = /^activemq-client-(\d+\.\d+\.\d+)\.jar$/.exec(name);
      if (match) return match[1]!;
    }
  } catch {
    // No such directory: the version stays unknown, which the report says.
  }
  return 'unknown';
}
