import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findInstallation } from '../../../src/real/installation.js';

const empty = mkdtempSync(join(tmpdir(), 'brokerlab-install-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('finding the JDK and ActiveMQ', () => {
  it('says what is missing when nothing is installed', () => {
    const found = findInstallation({ PATH: empty, ACTIVEMQ_HOME: empty });
    expect(found.ok).toBe(false);
    if (!found.ok) {
      expect(found.missing).toContain('java');
      expect(found.missing).toContain('javac');
      expect(found.missing).toContain('ActiveMQ');
    }
  });
});
