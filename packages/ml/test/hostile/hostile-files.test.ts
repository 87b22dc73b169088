/**
 * Every file of the hostile set (test/hostile/files, described in cases.ts) either trains or stops
 * with exit code 2 and one line naming the problem: never a stack trace or an internal error text.
 * All cases run through the CLI in-process; a few also through the real binary in a child process,
 * where an uncaught error would print its stack.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import type { TrainReport } from '../../src/train/report.ts';
import { HOSTILE_CASES, type HostileCase } from './cases.ts';

const FILES = fileURLToPath(new URL('./files/', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/probity-ml.js', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'probity-hostile-'));

function argv(c: HostileCase, model: string): string[] {
  const flags = c.flags ?? [];
  const target = flags.includes('--target') ? [] : ['--target', 'default'];
  const kind = flags.includes('--model') ? [] : ['--model', model];
  return ['train', '--data', join(FILES, c.file), ...target, ...flags, ...kind, '--out', join(out, `${c.file}.json`), '--quiet'];
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const capture = () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
  };
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(args, { stdout: stdout.stream, stderr: stderr.stream as unknown as NodeJS.WriteStream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function expectOutcome(c: HostileCase, run: { code: number; stdout: string; stderr: string }) {
  expect(run.stderr).not.toMatch(/^\s+at /m); // no stack frames
  expect(run.stderr).not.toMatch(/TypeError|RangeError|ReferenceError|WebAssembly|undefined|NaN/);
  if (c.expect.trains) {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^model (logistic|deep|gbdt) written to /);
    return;
  }
  expect(run.code, run.stdout + run.stderr).toBe(2);
  const errors = run.stderr.split('\n').filter((line) => line.startsWith('ERROR '));
  expect(errors[0]).toMatch(new RegExp(`^ERROR ${c.expect.code}( \\[column [^\\]]+\\])?: `));
  expect(errors[0]).toMatch(c.expect.message);
}

describe('the hostile-file set trains or stops with one line naming the problem', { timeout: 120_000 }, () => {
  for (const c of HOSTILE_CASES) {
    it(`${c.file}${c.flags ? ` ${c.flags.join(' ')}` : ''}: ${c.expect.trains ? 'trains' : c.expect.code}`, async () => {
      expectOutcome(c, await cli(argv(c, 'logistic')));
    });
  }

  it('the real binary prints no stack trace either (binary file, repeated names, 3,000 columns)', () => {
    for (const file of ['binary.csv', 'duplicate-headers.csv', 'wide-3000-columns.csv']) {
      const c = HOSTILE_CASES.find((h) => h.file === file)!;
      const child = spawnSync(process.execPath, [BIN, ...argv(c, 'logistic')], { encoding: 'utf8' });
      expectOutcome(c, { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr });
    }
  });

  it('the trained wide L1 model lists its kept features in the report', async () => {
    const report = join(out, 'wide-l1-report.json');
    const c = HOSTILE_CASES.find((h) => h.flags?.includes('l1'))!;
    const run = await cli([...argv(c, 'logistic'), '--report', report]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/L1 penalty, lambda [\d.]+: kept \d+ of 3000 features: attr_\d{4}/);
    const logistic = (JSON.parse(readFileSync(report, 'utf8')) as TrainReport).logistic!;
    expect(logistic.solver.method).toBe('coordinate-descent');
    expect(logistic.keptFeatures.length).toBeGreaterThan(0);
    expect(logistic.keptFeatures.length).toBeLessThan(3000);
    for (const kept of logistic.keptFeatures) for (const column of kept.columns) expect(column.coefficient).not.toBe(0);
  });
});
