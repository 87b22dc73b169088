/**
 * Child process of the benchmark: `probity-ml score --explain 5` through the CLI's own entry
 * (runCli), and its wall time, CPU time (all threads) and peak resident memory as JSON on stdout.
 * Usage: tsx bench/cli-score.ts MODEL.json DATA.csv OUT.csv THREADS
 */
import { runCli } from '../src/cli/main.ts';

const [model, data, out, threads] = process.argv.slice(2);
if (!model || !data || !out || !threads) throw new Error('usage: cli-score.ts MODEL DATA OUT THREADS');
const started = performance.now();
const code = await runCli(['score', '--model', model, '--data', data, '--out', out, '--explain', '5', '--threads', threads], {
  stdout: process.stderr,
  stderr: process.stderr,
});
if (code !== 0) throw new Error(`probity-ml score exited with ${code}`);
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
