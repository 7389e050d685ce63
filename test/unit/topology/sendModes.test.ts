/**
 * ActiveMQ's default send modes (MODEL.md): a persistent, non-transacted send is synchronous; a
 * non-persistent one is asynchronous unless alwaysSyncSend; useAsyncSend (`sendMode: async`)
 * makes a persistent one async; alwaysSyncSend makes every send synchronous.
 */
import { describe, expect, it } from 'vitest';
import { loadInline } from '../../support/simulateYaml.js';

function sendModeOf(producer: string): string {
  const t = loadInline(`
name: send-modes
layout: central
destinations: [{ name: q }]
applications:
  - id: p
    producers: [{ destination: q, ${producer} }]
cluster: { brokers: 1, ha: none }
`);
  return t.applications[0]!.producers[0]!.sendMode;
}

describe('default send modes', () => {
  it('persistent sends are synchronous by default', () => {
    expect(sendModeOf('persistent: true')).toBe('sync');
  });
  it('non-persistent sends are asynchronous by default', () => {
    expect(sendModeOf('persistent: false')).toBe('async');
  });
  it('useAsyncSend makes a persistent send asynchronous', () => {
    expect(sendModeOf('persistent: true, sendMode: async')).toBe('async');
  });
  it('alwaysSyncSend makes a non-persistent send synchronous', () => {
    expect(sendModeOf('persistent: false, alwaysSyncSend: true')).toBe('sync');
  });
  it('alwaysSyncSend wins over useAsyncSend, as in ActiveMQConnection', () => {
    expect(sendModeOf('persistent: true, sendMode: async, alwaysSyncSend: true')).toBe('sync');
  });
  it('an explicit sendMode: sync on a non-persistent producer keeps it synchronous', () => {
    expect(sendModeOf('persistent: false, sendMode: sync')).toBe('sync');
  });
});
