/**
 * One sweep point: the base topology written back to the file format, the varied setting
 * replaced, and the result loaded like a user's file, so that every point passes the same
 * schema and reference checks (a scaled-down topology whose faults name a process that no
 * longer exists is an error, not a silent change).
 */
import { loadTopologyText } from '../topology/load.js';
import { serializeTopology } from '../topology/serialize.js';
import type { Topology } from '../topology/types.js';
import { formatDurationUs, formatRate, formatSizeBytes } from '../topology/units.js';
import { locate, type PathResult, type PathSegment, writeAt } from './paramPath.js';
import type { ValueKind } from './varySpec.js';

function fileValue(kind: ValueKind, value: number): number | string {
  switch (kind) {
    case 'integer':
    case 'number':
      return value;
    case 'duration':
      return formatDurationUs(value);
    case 'size':
      return formatSizeBytes(value);
    case 'rate':
      return formatRate(value);
  }
}

export function topologyAt(
  base: Topology,
  path: readonly PathSegment[],
  pathText: string,
  kind: ValueKind,
  value: number,
): PathResult<Topology> {
  const doc = serializeTopology(base);
  const where = locate(doc, path);
  if (!where.ok) return where;
  const written = fileValue(kind, value);
  writeAt(where.value.parent, where.value.key, written);
  const loaded = loadTopologyText(JSON.stringify(doc), `${base.name} with ${pathText}=${written}`);
  if (loaded.ok) return { ok: true, value: loaded.topology };
  return {
    ok: false,
    message: `${base.name} with ${pathText}=${written} is not a valid topology:\n${loaded.errors
      // Lines and columns would point into generated text: the messages alone say what is wrong.
      .map((e) => `  ${e.message}${e.hint ? ` (hint: ${e.hint})` : ''}`)
      .join('\n')}`,
  };
}
