/**
 * ActiveMQ's XML schema (activemq.xsd inside the installed activemq-spring jar), read at test
 * time and never committed, as a table: each element's attributes and its property elements
 * with the elements each may hold. `checkAgainstXsd` walks an exported activemq.xml with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { type Document, type Element, Window } from 'happy-dom';

export const ACTIVEMQ_SPRING_JAR = '/usr/share/java/activemq-spring.jar';
export const CORE_NS = 'http://activemq.apache.org/schema/core';
const XS = 'http://www.w3.org/2001/XMLSchema';

export interface XsdElement {
  attributes: Set<string>;
  /** Property element -> the elements it may contain, by name; `any`: any element (of this schema, checked as such). */
  properties: Map<string, { refs: Set<string>; any: boolean }>;
}

/** The xsd's text, or undefined when the jar is not installed. */
export function readActivemqXsd(jar = ACTIVEMQ_SPRING_JAR): string | undefined {
  if (!existsSync(jar)) return undefined;
  const entry = zipEntry(readFileSync(jar), 'activemq.xsd');
  if (entry === undefined) throw new Error(`${jar} holds no activemq.xsd`);
  return entry.toString('utf8');
}

/** One stored or deflated entry of a zip file, found through its central directory. */
function zipEntry(zip: Buffer, name: string): Buffer | undefined {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}

/** happy-dom's XML parser: for the generated files as they are, and the xsd without its CDATA. */
let parser: InstanceType<Window['DOMParser']> | undefined;

export function parseXml(text: string): Document {
  parser ??= new new Window().DOMParser();
  const doc = parser.parseFromString(text, 'application/xml');
  if (doc.querySelector('parsererror') || !doc.documentElement)
    throw new Error(`not well-formed XML: ${doc.querySelector('parsererror')?.textContent ?? ''}`);
  return doc;
}

export function xsdTable(xsd: string): Map<string, XsdElement> {
  // happy-dom parses neither CDATA sections nor a single-quoted XML declaration: the
  // documentation and the declaration are of no use here.
  const text = xsd.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/^<\?xml[^>]*\?>/, '');
  const schema = parseXml(text).documentElement;
  const table = new Map<string, XsdElement>();
  for (const top of children(schema, 'element')) {
    const entry: XsdElement = { attributes: new Set(), properties: new Map() };
    for (const node of descendants(top)) {
      if (owner(node) !== top) continue;
      if (node.localName === 'attribute' && node.getAttribute('name'))
        entry.attributes.add(node.getAttribute('name')!);
      if (node.localName === 'element' && node.getAttribute('name')) {
        const inner = descendants(node);
        const refs = inner
          .filter((e) => e.localName === 'element' && e.getAttribute('ref'))
          .map((e) => e.getAttribute('ref')!.replace(/^tns:/, ''));
        // `<xs:any namespace='##other'/>` admits Spring beans; a bare `<xs:any/>` admits anything.
        const any = inner.some((e) => e.localName === 'any' && !e.getAttribute('namespace'));
        entry.properties.set(node.getAttribute('name')!, { refs: new Set(refs), any });
      }
    }
    table.set(top.getAttribute('name')!, entry);
  }
  return table;
}

/** Every element or attribute of the core namespace that the schema does not have, as `path: problem`. */
export function checkAgainstXsd(doc: Document, table: Map<string, XsdElement>): string[] {
  const problems: string[] = [];
  const brokers = [...doc.getElementsByTagNameNS(CORE_NS, 'broker')];
  if (brokers.length !== 1) problems.push(`expected one <broker>, found ${brokers.length}`);
  for (const b of brokers) checkTyped(b, 'broker', table, problems);
  return problems;
}

function checkTyped(el: Element, path: string, table: Map<string, XsdElement>, problems: string[]): void {
  const type = table.get(el.localName);
  if (!type) {
    problems.push(`${path}: no element <${el.localName}> in activemq.xsd`);
    return;
  }
  for (const attr of [...el.attributes]) {
    if (attr.name === 'xmlns' || attr.name.startsWith('xmlns:')) continue;
    if (!type.attributes.has(attr.name))
      problems.push(`${path}: <${el.localName}> has no attribute ${attr.name}`);
  }
  for (const property of [...el.children]) {
    if (property.namespaceURI !== CORE_NS) continue;
    const allowed = type.properties.get(property.localName);
    const at = `${path}/${property.localName}`;
    if (!allowed) {
      problems.push(`${path}: <${el.localName}> has no property element <${property.localName}>`);
      continue;
    }
    if (property.attributes.length > 0) problems.push(`${at}: a property element takes no attributes`);
    for (const value of [...property.children]) {
      if (allowed.refs.has(value.localName) || (allowed.any && value.namespaceURI === CORE_NS))
        checkTyped(value, `${at}/${value.localName}`, table, problems);
      else problems.push(`${at}: <${value.localName}> is not allowed here`);
    }
  }
}

function children(el: Element, localName: string): Element[] {
  return [...el.children].filter((c) => c.namespaceURI === XS && c.localName === localName);
}

function descendants(el: Element): Element[] {
  return [...el.querySelectorAll('*')];
}

/** The nearest enclosing xs:element: whose attribute or property a node declares. */
function owner(node: Element): Element | null {
  let p = node.parentElement;
  while (p && !(p.namespaceURI === XS && p.localName === 'element')) p = p.parentElement;
  return p;
}
