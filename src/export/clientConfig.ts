/**
 * The client side of one application: a jndi.properties for plain JMS and an
 * application.properties for Spring Boot. Processes of a central application share one
 * failover: URI; a process with an embedded broker has its own vm:// URI, so jndi.properties
 * names one connection factory per process and application.properties takes the process name
 * from the BROKERLAB_PROCESS environment variable that the manifests set.
 */

import type { Plan } from '../plan/types.js';
import type { Application } from '../topology/types.js';
import { type ClientUri, clientUrisOf, vmClientUri } from './clientUris.js';
import { xbeanUri } from './layout.js';
import { lintLine, lintsAt } from './lintPlaces.js';
import { propertiesComment, propertiesLine } from './propertiesText.js';
import type { ExportFile } from './types.js';

/** The process name a Spring Boot application resolves from its environment. */
export const PROCESS_ENV = 'BROKERLAB_PROCESS';

/** The factory a process using a cluster looks up; a vm:// factory is named after its process. */
export const CLUSTER_FACTORY = 'ConnectionFactory';

export function clientConfigFiles(plan: Plan, app: Application): ExportFile[] {
  const uris = clientUrisOf(plan, app.id);
  if (uris.length === 0) return [];
  return [
    { path: `clients/${app.id}/jndi.properties`, content: jndiProperties(plan, app, uris) },
    { path: `clients/${app.id}/application.properties`, content: springProperties(plan, app, uris) },
  ];
}

function header(plan: Plan, app: Application, what: string): string[] {
  return [
    propertiesComment(
      `brokerlab export of topology ${plan.topology.name}: ${what} of application ${app.id} (${app.replicas} process${app.replicas === 1 ? '' : 'es'})`,
    ),
    ...lintsAt(plan, 'client-config').map((l) => propertiesComment(lintLine(l))),
  ];
}

function jndiProperties(plan: Plan, app: Application, uris: ClientUri[]): string {
  const tcp = uris.find((u) => u.transport === 'tcp');
  const vm = uris.filter((u) => u.transport === 'vm');
  const names = [...(tcp ? [CLUSTER_FACTORY] : []), ...vm.map((u) => u.process)];
  const lines = [
    ...header(plan, app, 'JNDI (new InitialContext() reads it from the classpath)'),
    propertiesLine('java.naming.factory.initial', 'org.apache.activemq.jndi.ActiveMQInitialContextFactory'),
  ];
  if (tcp) {
    lines.push(propertiesComment(`every process: the cluster, ${carriesText(tcp)}`));
    lines.push(propertiesLine(`connection.${CLUSTER_FACTORY}.brokerURL`, tcp.uri));
  }
  if (vm.length > 0)
    lines.push(
      propertiesComment(
        `each process looks up the factory named after itself: its embedded broker, ${carriesText(vm[0]!)}`,
      ),
    );
  for (const u of vm) lines.push(propertiesLine(`connection.${u.process}.brokerURL`, u.uri));
  lines.push(propertiesLine('connectionFactoryNames', names.join(', ')));
  for (const d of destinationsOf(plan, app)) lines.push(propertiesLine(`${d.type}.${d.name}`, d.name));
  return `${lines.join('\n')}\n`;
}

function springProperties(plan: Plan, app: Application, uris: ClientUri[]): string {
  const tcp = uris.find((u) => u.transport === 'tcp');
  const vm = uris.find((u) => u.transport === 'vm');
  const lines = header(plan, app, 'Spring Boot (spring-boot-starter-activemq)');
  const vmTemplate = vm ? vmClientUri(plan, app.id, `\${${PROCESS_ENV}}`) : undefined;
  if (vm && vmTemplate)
    lines.push(
      propertiesComment(
        `${PROCESS_ENV} is the process name (${vm.process}, ...): its broker starts from ${xbeanUri(vm.process)}`,
      ),
    );
  if (tcp) {
    lines.push(propertiesLine('spring.activemq.broker-url', tcp.uri));
    if (vmTemplate) {
      lines.push(
        propertiesComment(
          'producers send through the embedded broker: a second ConnectionFactory built from this URL',
        ),
      );
      lines.push(propertiesLine('brokerlab.producer-broker-url', vmTemplate));
    }
  } else if (vmTemplate) {
    lines.push(propertiesLine('spring.activemq.broker-url', vmTemplate));
  }
  if (destinationsOf(plan, app).some((d) => d.type === 'topic'))
    lines.push(propertiesLine('spring.jms.pub-sub-domain', 'true'));
  return `${lines.join('\n')}\n`;
}

function carriesText(u: ClientUri): string {
  return u.carries === 'both'
    ? 'producers and consumers'
    : u.carries === 'produce'
      ? 'producers'
      : 'consumers';
}

function destinationsOf(plan: Plan, app: Application) {
  const used = new Set([
    ...app.producers.map((p) => p.destination),
    ...app.consumers.map((c) => c.destination),
  ]);
  return plan.topology.destinations.filter((d) => used.has(d.name));
}
