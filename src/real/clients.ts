/**
 * The client programs of real/java, started as JVMs: Producer, Consumer and Bench. Options are
 * passed as key=value, as each program's header documents.
 */
import type { Installation } from './installation.js';
import { JavaProcess } from './javaProcess.js';

export type ClientProgram = 'Producer' | 'Consumer' | 'Bench' | 'App' | 'Calibrate';

export function startClient(
  inst: Installation,
  classesDir: string,
  program: ClientProgram,
  options: Record<string, string | number | boolean>,
  cwd: string,
  classpath: string = inst.classpath,
): JavaProcess {
  const args = [
    '-Xmx256m',
    '-cp',
    `${classesDir}:${classpath}`,
    program,
    ...Object.entries(options).map(([k, v]) => `${k}=${v}`),
  ];
  return new JavaProcess(inst.java, args, cwd);
}

/** Waits for a client to finish; fails loudly with its output if it does not within `timeoutMs`. */
export async function finished(p: JavaProcess, timeoutMs: number): Promise<void> {
  const timer = setTimeout(() => p.exit === null && process.kill(p.pid, 'SIGKILL'), timeoutMs);
  const exit = await p.exited;
  clearTimeout(timer);
  if (exit !== 0) throw p.failure(`ended with ${exit}`);
}
