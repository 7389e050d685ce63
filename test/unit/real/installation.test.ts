import { describe, expect, it } from 'vitest';
import { findInstallation } from '../../../src/real/installation.js';

/** A directory that holds nothing, because it does not exist. */
const NOWHERE = '/nonexistent/brokerlab';

describe('finding the JDK and ActiveMQ', () => {
  it('says what is missing when nothing is installed', () => {
    const found = findInstallation({ PATH: NOWHERE, ACTIVEMQ_HOME: NOWHERE });
    expect(found.ok).toBe(false);
    if (!found.ok) {
      expect(found.missing).toContain('java');
      expect(found.missing).toContain('javac');
      expect(found.missing).toContain('ActiveMQ');
    }
  });
});
