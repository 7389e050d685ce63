/**
 * The HTML report in a real browser, offline: Debian's /usr/bin/chromium driven by
 * playwright-core (which never downloads a browser). Every mermaid diagram must render to SVG,
 * every chart must be there, the console must stay clean, and a topology with hostile names
 * must render safely: no dialog, no script of its own, and its diagram still drawn.
 *
 * Skipped, with a message, only when chromium is absent outside CI; in CI (process.env.CI) a
 * missing browser is a failure.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

/** What the page functions below use of the DOM: they run in the browser, and this program has no DOM types. */
interface PageElement {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
  textContent: string | null;
  dataset: Record<string, string | undefined>;
}
declare const document: PageElement & { scripts: { length: number }; images: { length: number } };
declare const window: { __pwned?: number };

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const TIMEOUT_MS = 30_000;
const SKIP = !existsSync(CHROMIUM) && !process.env.CI;
if (SKIP) console.warn(`skipping the browser test: ${CHROMIUM} is missing (apt-get install chromium)`);

const QUICK = ['--seeds', '2', '--duration', '5s'];
const CHARTS = ['latency', 'loss', 'stranded', 'send-gap', 'downtime', 'stores', 'bridges'];

interface Visit {
  page: Page;
  problems: string[];
  dialogs: string[];
  blocked: string[];
}

describe.skipIf(SKIP)('the HTML report in Chromium, offline', () => {
  let dir: string;
  let context: BrowserContext;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'brokerlab-report-'));
    const [bundled, hostile] = await Promise.all([
      runCli([
        'compare',
        'topologies/embedded-per-process.yaml',
        'topologies/central-cluster.yaml',
        ...QUICK,
        '--html',
        join(dir, 'report.html'),
      ]),
      runCli([
        'compare',
        'test/fixtures/decide/hostile-names.yaml',
        'topologies/central-cluster.yaml',
        ...QUICK,
        '--html',
        join(dir, 'hostile.html'),
      ]),
    ]);
    expect(bundled.code, bundled.stderr).toBe(0);
    expect(hostile.code, hostile.stderr).toBe(0);
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      timeout: TIMEOUT_MS,
    });
  }, 2 * TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function visit(file: string): Promise<Visit> {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const v: Visit = { page, problems: [], dialogs: [], blocked: [] };
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') v.problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => v.problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      v.dialogs.push(d.message());
      void d.dismiss();
    });
    const url = pathToFileURL(join(dir, file)).href;
    await page.route('**', (route) => {
      if (route.request().url() === url) return route.continue();
      v.blocked.push(route.request().url());
      return route.abort();
    });
    await page.goto(url);
    await page.waitForFunction(
      () => [...document.querySelectorAll('pre.mermaid')].every((pre) => pre.querySelector('svg') !== null),
      null,
      { timeout: TIMEOUT_MS },
    );
    return v;
  }

  it('renders every mermaid diagram and chart, with a clean console and no request to the network', async () => {
    const { page, problems, dialogs, blocked } = await visit('report.html');
    const seen = await page.evaluate(() => ({
      diagrams: document.querySelectorAll('pre.mermaid').length,
      rendered: [...document.querySelectorAll('pre.mermaid svg')].filter(
        (s) => s.querySelectorAll('g.node').length > 0,
      ).length,
      charts: [...document.querySelectorAll('figure.chart')].map((f) => ({
        id: f.dataset.chart,
        marks: f.querySelectorAll('svg polyline, svg rect, svg circle').length,
      })),
      verdicts: document.querySelectorAll('#recommendation .verdict').length,
      rows: document.querySelectorAll('#comparison tr[data-row]').length,
    }));
    expect(seen.diagrams).toBe(2);
    expect(seen.rendered).toBe(2);
    expect(seen.charts.map((c) => c.id)).toEqual(CHARTS);
    for (const c of seen.charts) expect(c.marks, c.id).toBeGreaterThan(0);
    expect(seen.verdicts).toBe(8);
    expect(seen.rows).toBeGreaterThan(30);
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  });

  it('renders hostile names as text: nothing runs, and the diagram is still drawn', async () => {
    const { page, problems, dialogs, blocked } = await visit('hostile.html');
    // Give anything that was going to fire (an onerror, a timer) a moment to do so.
    await page.waitForTimeout(300);
    const seen = await page.evaluate(() => ({
      pwned: window.__pwned ?? null,
      scripts: document.scripts.length,
      images: document.images.length,
      title: document.querySelector('h1')?.textContent ?? '',
      diagramText: document.querySelector('pre.mermaid svg')?.textContent ?? '',
      rendered: document.querySelectorAll('pre.mermaid svg').length,
    }));
    expect(dialogs).toEqual([]);
    expect(seen.pwned).toBeNull();
    expect(seen.scripts).toBe(2);
    expect(seen.images).toBe(0);
    expect(seen.title).toContain('<script>alert(1)</script>"quoted"');
    expect(seen.rendered).toBe(2);
    expect(seen.diagramText).toContain('sends <script alert(5) "q"');
    expect(problems).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  });
});
