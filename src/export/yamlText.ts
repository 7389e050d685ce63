/**
 * YAML text for the generated manifests. Values go through the `yaml` package's Document, which
 * quotes whatever would otherwise change the structure (`#`, `:`, quotes, line breaks); comments
 * are attached to the key or list item they are about.
 */
import { Document, isMap, isScalar, isSeq } from 'yaml';

export interface YamlNote {
  /** Path of a map key or a list item, e.g. ['volumes', 'shared-store'] or ['services', 'broker-0', 'volumes', 1]. */
  path: (string | number)[];
  lines: string[];
}

export function yamlText(value: unknown, header: string[], notes: YamlNote[] = []): string {
  const doc = new Document(value);
  if (header.length > 0) doc.commentBefore = header.map(commentLine).join('\n');
  for (const note of notes) attach(doc, note);
  return doc.toString({ lineWidth: 0 });
}

function attach(doc: Document, note: YamlNote): void {
  const last = note.path[note.path.length - 1];
  const parent = note.path.length > 1 ? doc.getIn(note.path.slice(0, -1), true) : doc.contents;
  const text = note.lines.map(commentLine).join('\n');
  if (isMap(parent)) {
    const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last);
    if (!pair) throw new Error(`no key ${String(last)} at ${note.path.join('.')}`);
    const key = isScalar(pair.key) ? pair.key : doc.createNode(pair.key);
    key.commentBefore = text;
    pair.key = key;
  } else if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last];
    const node = isScalar(item) || isMap(item) || isSeq(item) ? item : doc.createNode(item);
    node.commentBefore = text;
    parent.items[last] = node;
  } else {
    throw new Error(`no place for a comment at ${note.path.join('.')}`);
  }
}

/** A line break would end the comment and start YAML, so the comment stays on one line. */
function commentLine(text: string): string {
  return ` ${text.replace(/[\r\n]+/g, ' ')}`;
}
