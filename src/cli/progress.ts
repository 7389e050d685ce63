/**
 * A progress bar on stderr for work over a couple of seconds: only on an interactive terminal,
 * never with --json, and erased when done.
 */
import type { CliIo } from './io.js';

const SHOW_AFTER_MS = 2000;
const WIDTH = 30;

export interface Progress {
  update(fraction: number): void;
  done(): void;
}

export function progressBar(io: CliIo, label: string, enabled: boolean): Progress {
  if (!enabled || !io.stderrIsTTY) return { update: () => {}, done: () => {} };
  const started = Date.now();
  let shown = false;
  let lastDraw = 0;
  return {
    update(fraction) {
      const now = Date.now();
      if (now - started < SHOW_AFTER_MS || now - lastDraw < 100) return;
      lastDraw = now;
      shown = true;
      const f = Math.max(0, Math.min(1, fraction));
      const filled = Math.round(f * WIDTH);
      io.err(`\r${label} [${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${Math.floor(f * 100)}%`);
    },
    done() {
      if (shown) io.err(`\r${' '.repeat(label.length + WIDTH + 10)}\r`);
    },
  };
}
