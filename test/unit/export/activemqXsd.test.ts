/**
 * Every exported activemq.xml of every bundled topology is well-formed XML and names only
 * elements and attributes that exist in ActiveMQ 5.17's schema (activemq.xsd from the installed
 * jar; skipped with a message outside CI when the jar is absent).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportPlan } from '../../../src/export/exportPlan.js';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import { loadTopologyText } from '../../../src/topology/load.js';
import {
  ACTIVEMQ_SPRING_JAR,
  checkAgainstXsd,
  parseXml,
  readActivemqXsd,
  xsdTable,
} from '../../support/activemqXsd.js';

const xsd = readActivemqXsd();
if (!xsd && !process.env.CI)
  console.warn(
    `skipping the activemq.xsd checks: ${ACTIVEMQ_SPRING_JAR} is not installed (apt-get install activemq)`,
  );
const suite = xsd || process.env.CI ? describe : describe.skip;

const bundled = readdirSync('topologies').filter((f) => f.endsWith('.yaml'));

function exported(file: string) {
  const loaded = loadTopologyText(readFileSync(`topologies/${file}`, 'utf8'), file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return exportPlan(buildPlan(loaded.topology), new Set());
}

suite('exported activemq.xml against activemq.xsd', () => {
  const table = xsdTable(xsd ?? '');

  it('reads the schema: the broker element with its attributes and property elements', () => {
    expect(table.get('broker')?.attributes.has('brokerName')).toBe(true);
    expect(table.get('kahaDB')?.properties.get('locker')?.refs.has('shared-file-locker')).toBe(true);
    // The checker finds what the schema lacks.
    const wrong = parseXml(
      '<beans xmlns="http://www.springframework.org/schema/beans"><broker xmlns="http://activemq.apache.org/schema/core" brokerNam="x"><persistenceAdapter><kahaDb/></persistenceAdapter></broker></beans>',
    );
    expect(checkAgainstXsd(wrong, table)).toEqual([
      'broker: <broker> has no attribute brokerNam',
      'broker/persistenceAdapter: <kahaDb> is not allowed here',
    ]);
  });

  it.each(bundled)('%s: every broker configuration names only what the schema has', (file) => {
    const brokers = exported(file).filter((f) => f.path.endsWith('/activemq.xml'));
    expect(brokers.length).toBeGreaterThan(0);
    for (const f of brokers) expect(checkAgainstXsd(parseXml(f.content), table), f.path).toEqual([]);
  });
});
