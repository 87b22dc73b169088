/** Debian's Python with numpy and scikit-learn: the reference side of the benchmark (bench/sklearn_bench.py). */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./sklearn_bench.py', import.meta.url));
export const PYTHON = '/usr/bin/python3';

function pythonEnv(threads?: number): NodeJS.ProcessEnv {
  return { ...process.env, ...(threads !== undefined ? { PROBITY_BENCH_THREADS: String(threads) } : {}) };
}

/** Runs one subcommand and parses the JSON it prints. */
export function runPython<T>(args: string[], threads?: number): T {
  const result = spawnSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8', env: pythonEnv(threads), maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${PYTHON} sklearn_bench.py ${args[0]} failed: ${result.stderr || result.error?.message}`);
  return JSON.parse(result.stdout) as T;
}

/**
 * A long-lived `sklearn_bench.py serve` process: one JSON command a line in, one JSON reply a line
 * out. The data stays loaded between commands, so single repetitions can be timed in turn with ours.
 */
export class PythonSession {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly replies: ((line: string) => void)[] = [];
  private stderr = '';

  constructor(threads = 1) {
    this.child = spawn(PYTHON, [SCRIPT, 'serve'], { env: pythonEnv(threads) });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.replies.shift()?.(line));
  }

  send<T>(command: Record<string, unknown>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`sklearn_bench.py serve exited (${code}): ${this.stderr}`));
      this.child.once('exit', onExit);
      this.replies.push((line) => {
        this.child.off('exit', onExit);
        const reply = JSON.parse(line) as T & { error?: string };
        if (reply.error) reject(new Error(`sklearn_bench.py serve: ${reply.error}`));
        else resolve(reply);
      });
      this.child.stdin.write(`${JSON.stringify(command)}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
    this.lines.close();
  }
}
