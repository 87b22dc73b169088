// Child processes for the apps under test: started with their own environment, their output kept
// (and printed when they fail to start), stopped with SIGTERM and then SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';

export interface AppProcess {
  name: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

const KEEP_CHARS = 20_000;

export function startApp(name: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; echo: boolean }): AppProcess {
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-KEEP_CHARS);
    if (options.echo) process.stderr.write(`[${name}] ${text}`);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until the URL answers with `expectStatus`; fails early with the app's output if it exits. */
export async function waitUntilReady(app: AppProcess, url: string, timeoutMs: number, expectStatus = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null)
      throw new Error(`${app.name} exited with code ${app.child.exitCode} before it was ready:\n${app.output()}`);
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      if (response.status === expectStatus) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${app.name} was not ready at ${url} within ${timeoutMs / 1000} s (last: ${last}):\n${app.output()}`);
}
