/**
 * The self-contained HTML page around a report: styles inline, mermaid's bundle inline (passed
 * in by the CLI, which reads it from node_modules), no request to the network. A
 * Content-Security-Policy allows only the page's own two scripts, by hash: even if some text
 * slipped through escaping, the browser would not run it.
 */
import { escapeHtml } from './escapeHtml.js';
import { scriptHash, scriptSafe } from './inlineScript.js';

const INIT = "mermaid.initialize({ startOnLoad: true, securityLevel: 'strict' });";

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem 1.5rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
.settings { color: #555; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { padding: 0.2rem 0.7rem; border-bottom: 1px solid #eee; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.section th { text-align: left; background: #f4f4f4; }
.verdict { margin: 0.6rem 0; } .verdict .who { font-weight: 600; }
.verdict ul { margin: 0.2rem 0 0 1.2rem; padding: 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 1rem; }
figure.chart { margin: 0; } figure.chart svg { width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9rem; }
.legend { font-size: 0.85rem; } .key { margin-right: 1rem; white-space: nowrap; }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem; vertical-align: -1px; }
svg .grid { stroke: #e5e5e5; } svg .tick, svg .value { font-size: 11px; fill: #444; }
svg .axis-title { font-size: 12px; fill: #333; }
svg .line { fill: none; stroke-width: 2; } svg .band { opacity: 0.18; stroke: none; }
svg .whisker { stroke: #222; stroke-width: 1.2; }
svg .crossover { fill: #ffd54f; opacity: 0.35; } svg .crossover-label { font-size: 11px; fill: #6d4c00; }
.diagram { overflow-x: auto; border: 1px solid #eee; padding: 0.5rem; margin: 0.5rem 0 1rem; }
.lint-warning { color: #8a5a00; } .lint-error { color: #b00020; }
`;

export interface PageParts {
  title: string;
  body: string;
  /** mermaid.min.js; left out when the page has no diagram. */
  mermaidJs: string | null;
}

export function htmlPage(parts: PageParts): string {
  const scripts = parts.mermaidJs === null ? [] : [scriptSafe(parts.mermaidJs), INIT];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.length > 0 ? scripts.map(scriptHash).join(' ') : "'none'"}`,
    // mermaid writes <style> into each SVG it draws.
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
  ].join('; ');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(parts.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    parts.body,
    ...scripts.map((js) => `<script>${js}</script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
