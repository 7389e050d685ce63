/**
 * What a tcp:// client has written towards its broker that the broker's transport thread has not
 * read yet: the client's socket send buffer and the broker's receive buffer, each ActiveMQ's
 * socketBufferSize. A send() writes its message into them and, with useAsyncSend, returns; once
 * they are full the write blocks, so an async producer faster than its broker waits on the
 * socket. When the broker dies nobody reads them any more: the producer's writes fill them until
 * its transport notices the dead connection, and what is in them is lost with the copies on
 * their way. Only messages are counted; acks and other commands are small. A partition holds
 * what crosses the link (network.ts) without filling the buffers here.
 */
import { TCP_SOCKET_BUFFER_BYTES } from '../model/defaults.js';
import type { LinkRt, World } from './world.js';

/** Bytes one connection holds unread: the client's send buffer and the broker's receive buffer. */
export const PIPELINE_CAPACITY_BYTES = 2 * TCP_SOCKET_BUFFER_BYTES;

/** Forgets what the broker has read by now (or by its death, after which it reads nothing). */
function drain(w: World, link: LinkRt): void {
  const until = link.readerDeadUs >= 0 ? Math.min(w.now, link.readerDeadUs) : w.now;
  const pipe = link.pipeline;
  let head = link.pipelineHead;
  while (head < pipe.length && pipe[head]! <= until) {
    link.pipelineBytes -= pipe[head + 1]!;
    head += 2;
  }
  if (head > 1024 && head * 2 > pipe.length) {
    link.pipeline = pipe.slice(head);
    head = 0;
  }
  link.pipelineHead = head;
  if (link.pipelineBytes < 0) throw new Error(`link ${link.id}: pipeline holds ${link.pipelineBytes} bytes`);
}

/**
 * When a message of `bytes` can be written on `link`: now, a later time at which the broker will
 * have read enough, or -1 if that never happens (its broker died; the write blocks until the
 * transport notices). A message larger than the buffers goes once they are empty.
 */
export function pipelineRoomUs(w: World, link: LinkRt, bytes: number): number {
  drain(w, link);
  const need = Math.min(bytes, PIPELINE_CAPACITY_BYTES);
  let free = PIPELINE_CAPACITY_BYTES - link.pipelineBytes;
  if (free >= need) return w.now;
  if (link.readerDeadUs >= 0) return -1;
  const pipe = link.pipeline;
  for (let i = link.pipelineHead; i < pipe.length; i += 2) {
    free += pipe[i + 1]!;
    if (free >= need) return pipe[i]!;
  }
  throw new Error(`link ${link.id}: a ${bytes}-byte message never fits its pipeline`);
}

/** A message written on `link` now, to be read by the broker at `readUs`. */
export function enterPipeline(link: LinkRt, readUs: number, bytes: number): void {
  const pipe = link.pipeline;
  const lastReadUs = pipe.length > link.pipelineHead ? pipe[pipe.length - 2]! : -1;
  if (readUs < lastReadUs)
    throw new Error(`link ${link.id}: read at ${readUs} before an earlier write's ${lastReadUs}`);
  pipe.push(readUs, bytes);
  link.pipelineBytes += bytes;
}

/** The link's broker died: it reads nothing from now on. */
export function stopReading(w: World, link: LinkRt): void {
  if (link.readerDeadUs < 0) link.readerDeadUs = w.now;
}

/** A new connection (or none): nothing buffered, a live reader. */
export function resetPipeline(link: LinkRt): void {
  link.pipeline = [];
  link.pipelineHead = 0;
  link.pipelineBytes = 0;
  link.readerDeadUs = -1;
}
