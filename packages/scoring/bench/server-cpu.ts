// CPU seconds the PostgreSQL processes of one database spent (its backends and autovacuum workers,
// found by their process title, which names the database): wall-clock figures on a shared 2-core machine
// swing with the load, CPU time much less. Sampled every 200 ms so a backend that exits keeps its last
// figure. Linux only (/proc); elsewhere it reports null.
import { readdirSync, readFileSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux

export class ServerCpu {
  private readonly seen = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private readonly available: boolean;

  constructor(private readonly database: string) {
    this.available = process.platform === 'linux';
  }

  start(): this {
    this.seen.clear();
    this.sample();
    this.base = this.total();
    this.timer = setInterval(() => this.sample(), 200);
    this.timer.unref();
    return this;
  }

  /** CPU seconds since start (or null where /proc is missing). */
  stop(): number | null {
    clearInterval(this.timer);
    this.sample();
    if (!this.available) return null;
    return this.total() - this.base;
  }

  private base = 0;

  private total(): number {
    return [...this.seen.values()].reduce((a, b) => a + b, 0) / TICK;
  }

  sample(): void {
    if (!this.available) return;
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      try {
        const title = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
        if (!title.startsWith('postgres: ') || !title.includes(` ${this.database} `)) continue;
        const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
        this.seen.set(pid, ticks);
      } catch {
        // the process ended between the listing and the read
      }
    }
  }
}
