/** Runs a subcommand of bench/sklearn_bench.py with Debian's Python and parses its JSON. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./sklearn_bench.py', import.meta.url));
export const PYTHON = '/usr/bin/python3';

export function runPython<T>(args: string[], threads?: number): T {
  const env = { ...process.env, ...(threads !== undefined ? { PROBITY_BENCH_THREADS: String(threads) } : {}) };
  const result = spawnSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8', env, maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${PYTHON} sklearn_bench.py ${args[0]} failed: ${result.stderr || result.error?.message}`);
  return JSON.parse(result.stdout) as T;
}
