import { describe, expect, it } from 'vitest';
import { brokerXml } from '../../../src/real/brokerXml.js';

const base = {
  brokerName: 'broker-0',
  openwirePort: 61999,
  dataDir: '/tmp/brokerlab-x/broker-0',
  persistent: true,
  kahadbDir: '/tmp/brokerlab-x/kahadb',
  journalDiskSyncStrategy: 'periodic' as const,
};

describe('the activemq.xml of an experiment broker', () => {
  it('listens on the loopback address only, on the given port', () => {
    expect(brokerXml(base)).toContain('uri="tcp://127.0.0.1:61999"');
  });

  it('keeps KahaDB where it is told, with the journal sync strategy', () => {
    const xml = brokerXml(base);
    expect(xml).toContain('<kahaDB directory="/tmp/brokerlab-x/kahadb" journalDiskSyncStrategy="periodic">');
    expect(xml).toContain('persistent="true"');
  });

  it("names the shared-file locker's poll only when one is given (ActiveMQ's default is 10 s)", () => {
    expect(brokerXml(base)).not.toContain('locker');
    expect(brokerXml({ ...base, lockAcquireSleepIntervalMs: 1000 })).toContain(
      '<shared-file-locker lockAcquireSleepInterval="1000"/>',
    );
  });

  it("sets the store's lockKeepAlivePeriod only when one is given (KahaDB's default is 0)", () => {
    expect(brokerXml(base)).not.toContain('lockKeepAlivePeriod');
    expect(brokerXml({ ...base, lockKeepAlivePeriodMs: 500 })).toContain(
      '<kahaDB directory="/tmp/brokerlab-x/kahadb" journalDiskSyncStrategy="periodic" lockKeepAlivePeriod="500">',
    );
  });

  it('has no store without persistence', () => {
    const xml = brokerXml({ ...base, persistent: false });
    expect(xml).toContain('persistent="false"');
    expect(xml).not.toContain('kahaDB');
  });

  it('escapes what it puts in attributes', () => {
    expect(brokerXml({ ...base, brokerName: 'a"<&b' })).toContain('brokerName="a&quot;&lt;&amp;b"');
  });
});
