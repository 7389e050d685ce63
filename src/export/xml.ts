/**
 * A tiny XML writer for the generated activemq.xml files: elements, attributes and comments,
 * every text escaped. Only the generators in src/export use it.
 */

export type XmlAttrValue = string | number | boolean;

export interface XmlElement {
  kind: 'element';
  name: string;
  attrs: [string, XmlAttrValue][];
  children: XmlNode[];
}

export interface XmlComment {
  kind: 'comment';
  text: string;
}

export type XmlNode = XmlElement | XmlComment;

export function element(
  name: string,
  attrs: [string, XmlAttrValue][] = [],
  children: XmlNode[] = [],
): XmlElement {
  return { kind: 'element', name, attrs, children };
}

export function comment(text: string): XmlComment {
  return { kind: 'comment', text };
}

/** Escapes text for an attribute value or element content (both quote kinds, so either delimiter is safe). */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A comment cannot hold `--` nor end in `-`; line breaks become spaces so that indentation holds. */
export function xmlCommentText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/-(?=-)/g, '- ')
    .replace(/-$/, '- ');
}

export function renderXml(root: XmlNode, preamble: XmlComment[] = []): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  for (const c of preamble) lines.push(`<!-- ${xmlCommentText(c.text)} -->`);
  render(root, 0, lines);
  return `${lines.join('\n')}\n`;
}

function render(node: XmlNode, depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  if (node.kind === 'comment') {
    lines.push(`${pad}<!-- ${xmlCommentText(node.text)} -->`);
    return;
  }
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`).join('');
  if (node.children.length === 0) {
    lines.push(`${pad}<${node.name}${attrs}/>`);
    return;
  }
  lines.push(`${pad}<${node.name}${attrs}>`);
  for (const child of node.children) render(child, depth + 1, lines);
  lines.push(`${pad}</${node.name}>`);
}
