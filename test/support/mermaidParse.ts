/**
 * mermaid.parse in Node: mermaid needs a DOM (DOMPurify) even to parse, so a happy-dom window is
 * installed as the global window and document before mermaid is first imported.
 */
import { Window } from 'happy-dom';

let parser: ((text: string) => Promise<unknown>) | undefined;

export async function mermaidParse(text: string): Promise<unknown> {
  if (!parser) {
    const window = new Window();
    Object.assign(globalThis, { window, document: window.document });
    const mermaid = (await import('mermaid')).default;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    parser = (t) => mermaid.parse(t);
  }
  return parser(text);
}

/** The bodies of the ```mermaid blocks of a markdown document. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
}
