/**
 * The client URI names a send mode only where it differs from ActiveMQ's default: useAsyncSend
 * for an async persistent producer, alwaysSyncSend for a synchronous non-persistent one.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import { loadInline } from '../../support/simulateYaml.js';

function uri(producer: string): string {
  const p = buildPlan(
    loadInline(`
name: send-uris
layout: central
destinations: [{ name: q }]
applications:
  - id: p
    producers: [{ destination: q, ${producer} }]
cluster: { brokers: 1, ha: none }
`),
  );
  return p.connections[0]!.uri;
}

describe('send options in the client URI', () => {
  it('none for ActiveMQ defaults', () => {
    expect(uri('persistent: true')).toBe('failover:(tcp://broker-0:61616)');
    expect(uri('persistent: false')).toBe('failover:(tcp://broker-0:61616)');
  });
  it('useAsyncSend for an async persistent producer', () => {
    expect(uri('persistent: true, sendMode: async')).toBe(
      'failover:(tcp://broker-0:61616)?jms.useAsyncSend=true',
    );
  });
  it('alwaysSyncSend for a synchronous non-persistent producer', () => {
    expect(uri('persistent: false, alwaysSyncSend: true')).toBe(
      'failover:(tcp://broker-0:61616)?jms.alwaysSyncSend=true',
    );
  });
});
