// Runs an app's entry point as a real Node.js process (with tsx), capturing its output, for tests of
// process behaviour: start-up, logs, signals.
import { spawn } from 'node:child_process';
import { childEnvironment } from './env.ts';

export interface ServiceProcess {
  /** The process id (for reading its CPU time from /proc). */
  pid: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** Polls the URL until it answers 2xx; false after the timeout. */
  waitUntilReady(url: string, timeoutMs?: number): Promise<boolean>;
}

/** `nodeArgs`: Node flags the app runs with in production (the worker's young generation, say). */
export function startServiceProcess(entry: string, env: Record<string, string>, nodeArgs: readonly string[] = []): ServiceProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    env: childEnvironment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    pid: child.pid!,
    output: () => output,
    exited,
    kill: (signal) => child.kill(signal),
    async waitUntilReady(url, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (
          await fetch(url).then(
            (r) => r.ok,
            () => false,
          )
        )
          return true;
        if (child.exitCode !== null) return false;
        await new Promise((r) => setTimeout(r, 300));
      }
      return false;
    },
  };
}
