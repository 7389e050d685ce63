/**
 * A tcp:// client connection's transport: each OpenWire command costs a socket write and, on the
 * receiving side, one transport thread per connection that reads and unmarshals commands in
 * order. That thread is a FIFO server of tcpTransportUs per command, so one connection carries
 * at most 1 / tcpTransportUs commands a second each way, whatever the broker's CPU could do.
 */
import type { Direction } from './network.js';
import type { LinkRt, World } from './world.js';

/**
 * When a command put on `link` at `departUs`, `wireUs` on its way, has been read by the far
 * side's transport thread: after the commands before it.
 */
export function tcpArrivalUs(
  w: World,
  link: LinkRt,
  direction: Direction,
  departUs: number,
  wireUs: number,
): number {
  const free = direction === 'up' ? link.upFreeUs : link.downFreeUs;
  const doneUs = Math.max(departUs + wireUs, free) + w.noise.transport.draw(w.costs.tcpTransportUs);
  if (direction === 'up') link.upFreeUs = doneUs;
  else link.downFreeUs = doneUs;
  return doneUs;
}
