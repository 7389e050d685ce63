/**
 * A tcp:// client connection's transport: each direction of a connection has one thread that
 * reads its commands in order (TcpTransport.doRun: readCommand, then doConsume, which on the
 * broker runs TransportConnection.service) and one writer (MutexTransport; the broker's
 * TransportConnection dispatch task). A command costs its message tcpTransportUs on the path
 * (the reader's wake-up, read and unmarshal, once the bytes are there), but holds the
 * connection for tcpConnectionUs (at least that): the threads go on after the hand-off (the
 * broker's work on the reader, the writer's socket calls, their turns on the host's cores), so
 * one connection carries at most 1 / tcpConnectionUs commands a second each way, while a message
 * alone on it sees only the path.
 */
import type { Direction } from './network.js';
import type { LinkRt, World } from './world.js';

/**
 * When a command put on `link` at `departUs`, `wireUs` on its way, has been read by the far
 * side's transport thread: once the thread is done with the commands before it.
 */
export function tcpArrivalUs(
  w: World,
  link: LinkRt,
  direction: Direction,
  departUs: number,
  wireUs: number,
): number {
  const free = direction === 'up' ? link.upFreeUs : link.downFreeUs;
  const startUs = Math.max(departUs + wireUs, free);
  const pathUs = w.noise.transport.draw(w.costs.tcpTransportUs);
  const freeUs = startUs + Math.max(pathUs, w.costs.tcpConnectionUs);
  if (direction === 'up') link.upFreeUs = freeUs;
  else link.downFreeUs = freeUs;
  return startUs + pathUs;
}
