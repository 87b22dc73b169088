// `npm test`'s first part: every workspace's `test` script, two at a time (`--lanes N`), the long
// suites first. Vitest runs one file at a time on two cores (workers = cores - 1), and most of a suite's
// time is spent waiting (for worker processes, pg-boss, schedules, PostgreSQL), so two suites share two
// cores well; each has its own fresh databases and free ports. The order is fixed (turbo's is not), so a
// long suite never starts last and runs alone. After a failure nothing new starts; the running suites
// finish and the run fails. Each output line is prefixed with its suite. `npm test` runs the end-to-end
// suite after these, alone: its slowest test (model-lifecycle, training on the worker) took 5.5 of its
// 6 minutes beside the worker suite on a heavily loaded machine.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Longest first, as measured in CI (apps/worker ~350 s, e2e ~560 s, …); a workspace not named here runs after these.
const LONGEST_FIRST = [
  '@probity/e2e',
  '@probity/worker',
  '@probity/db',
  '@probity/ml',
  '@probity/api',
  '@probity/scoring',
  '@probity/risk',
];

interface Suite {
  name: string;
  dir: string;
}

function parseArgs(argv: string[]): { lanes: number; exclude: Set<string> } {
  let lanes = 2;
  const exclude = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--lanes') {
      if (!value || !/^[1-9]\d*$/.test(value)) throw new Error(`--lanes needs a positive integer, got ${value ?? 'nothing'}`);
      lanes = Number(value);
    } else if (arg === '--exclude') {
      if (!value) throw new Error('--exclude needs a workspace name');
      exclude.add(value);
    } else throw new Error(`unknown argument ${arg} (expected --lanes <positive integer> or --exclude <workspace name>)`);
    i += 1;
  }
  return { lanes, exclude };
}

async function suites(exclude: Set<string>): Promise<Suite[]> {
  const found: Suite[] = [];
  for (const parent of ['apps', 'packages', 'tooling', '.']) {
    const dirs = parent === '.' ? ['e2e'] : (await readdir(path.join(root, parent))).map((d) => path.join(parent, d));
    for (const dir of dirs) {
      const manifest = await readFile(path.join(root, dir, 'package.json'), 'utf8').catch(() => null);
      if (!manifest) continue;
      const { name, scripts } = JSON.parse(manifest) as { name: string; scripts?: Record<string, string> };
      if (scripts?.test && !exclude.has(name)) found.push({ name, dir });
    }
  }
  const rank = (name: string) => (LONGEST_FIRST.includes(name) ? LONGEST_FIRST.indexOf(name) : LONGEST_FIRST.length);
  return found.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

function prefixLines(name: string, out: NodeJS.WriteStream): (chunk: Buffer) => void {
  let rest = '';
  return (chunk) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) out.write(`${name}: ${line}\n`);
  };
}

function run(suite: Suite): Promise<{ code: number; seconds: number }> {
  const started = Date.now();
  process.stdout.write(`[test] ${suite.name} started\n`);
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', 'test'], { cwd: path.join(root, suite.dir), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', prefixLines(suite.name, process.stdout));
    child.stderr.on('data', prefixLines(suite.name, process.stderr));
    child.on('error', (error) => process.stderr.write(`${suite.name}: ${error.message}\n`));
    child.on('close', (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stdout.write(`[test] ${suite.name} ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s\n`);
      resolve({ code: code ?? 1, seconds });
    });
  });
}

async function main(): Promise<void> {
  const { lanes, exclude } = parseArgs(process.argv.slice(2));
  const queue = await suites(exclude);
  const failed: string[] = [];
  const lane = async () => {
    while (failed.length === 0) {
      const suite = queue.shift();
      if (!suite) return;
      if ((await run(suite)).code !== 0) failed.push(suite.name);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  if (failed.length > 0) {
    process.stderr.write(`[test] failed: ${failed.join(', ')}${queue.length ? `; not run: ${queue.map((s) => s.name).join(', ')}` : ''}\n`);
    process.exit(1);
  }
}

await main();
