/** Untrusted names in HTML, inline scripts and markdown: shown as text, never run or parsed as markup. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compareTopologies } from '../../../src/compare/compareTopologies.js';
import { recommend } from '../../../src/compare/recommend.js';
import { compareHtml } from '../../../src/report/html/compareHtml.js';
import { escapeHtml } from '../../../src/report/html/escapeHtml.js';
import { scriptSafe } from '../../../src/report/html/inlineScript.js';
import { markdownText } from '../../../src/report/markdown/markdownText.js';
import { loadTopologyFile, loadTopologyText } from '../../../src/topology/load.js';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });
});

describe('scriptSafe', () => {
  it('leaves no `<script`, `</script` or `<!--` for the HTML parser, and the same values for JavaScript', () => {
    const js =
      'globalThis.out = ["</script><script>alert(1)</script>", `<!-- x`, /<!--(a)/.exec("<!--a"), /<\\/SCRIPT>/i.test("</SCRIPT>"), "</ScRiPt"];';
    const safe = scriptSafe(js);
    expect(safe).not.toMatch(/<\/?script|<!--/i);
    const run = (code: string) => {
      const context: { out?: unknown } = {};
      new Script(code).runInNewContext({ globalThis: context });
      return context.out;
    };
    expect(run(safe)).toEqual(run(js));
  });
});

describe('markdownText', () => {
  it('keeps table cells whole and markup inert', () => {
    expect(markdownText('a|b <script>*x*_y_ [l](u) `c` #h')).toBe(
      'a\\|b &lt;script&gt;\\*x\\*\\_y\\_ \\[l\\](u) \\`c\\` \\#h',
    );
  });
});

describe('compareHtml with hostile names', () => {
  it('has only its own two scripts, allowed by hash, and shows the names as text', async () => {
    const load = async (f: string) => {
      const r = await loadTopologyFile(f);
      if (!r.ok) throw new Error(`${f} does not load`);
      return r.topology;
    };
    const c = compareTopologies(
      [await load('test/fixtures/decide/hostile-names.yaml'), await load('topologies/central-cluster.yaml')],
      { seeds: [1], durationUs: 1e6, scenarios: ['baseline'] },
    );
    const mermaidJs = 'window.mermaid = { initialize() {} }; // "</script><script>alert(9)</script>"';
    const html = compareHtml(c, recommend(c), mermaidJs);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(2);
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;quoted&quot; &#39;single&#39; --&gt; A[evil]',
    );
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/
      .exec(html)![1]!
      .replaceAll('&#39;', "'");
    for (const s of scripts)
      expect(csp).toContain(`'sha256-${createHash('sha256').update(s).digest('base64')}'`);
    expect(csp).toContain("default-src 'none'");
    // The diagram text reaches mermaid with every user character entity-coded.
    const diagrams = [...html.matchAll(/<pre class="mermaid">([\s\S]*?)<\/pre>/g)].map((m) => m[1]!);
    expect(diagrams).toHaveLength(2);
    expect(diagrams[0]).toContain('#60;script alert(5)');
    expect(diagrams[0]).not.toMatch(/^\s*click /m);
  });
});

describe('compareHtml with right-to-left names', () => {
  it('isolates every name in <bdi>, so that it cannot reorder the text around it', async () => {
    const text = readFileSync('topologies/central-cluster.yaml', 'utf8').replace(
      /^name: .*$/m,
      'name: הזמנות-orders',
    );
    const rtl = loadTopologyText(text, 'rtl.yaml');
    const ltr = await loadTopologyFile('topologies/embedded-per-process.yaml');
    if (!rtl.ok || !ltr.ok) throw new Error('a topology does not load');
    const c = compareTopologies([rtl.topology, ltr.topology], {
      seeds: [1],
      durationUs: 1e6,
      scenarios: ['baseline'],
    });
    const html = compareHtml(c, recommend(c), '');
    expect(html).toContain('<h1>brokerlab: <bdi>הזמנות-orders</bdi> vs <bdi>embedded-per-process</bdi></h1>');
    expect(html).toContain('<th><bdi>הזמנות-orders</bdi></th><th><bdi>embedded-per-process</bdi></th>');
    expect(html).toContain('<h3><bdi>הזמנות-orders</bdi></h3>');
    expect(html).toMatch(/<span class="swatch" [^>]*><\/span><bdi>הזמנות-orders<\/bdi><\/span>/);
    // Every place the name appears in the page's text is inside a <bdi> (the <title> is plain text).
    const body = html.slice(html.indexOf('<body'));
    const outside = body
      .replace(/<bdi>[\s\S]*?<\/bdi>/g, '')
      .replace(/\u2068[^\u2069]*\u2069/g, '') // isolated in tooltips, which hold no markup
      .replace(/<pre class="mermaid">[\s\S]*?<\/pre>/g, '');
    expect(outside).not.toContain('הזמנות');
  });
});
