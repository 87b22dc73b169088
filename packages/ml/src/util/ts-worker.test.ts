import { describe, expect, it } from 'vitest';
import { WorkerChannel } from './ts-worker.ts';

describe('WorkerChannel', () => {
  it('is ready once its module has loaded, and its first reply still answers the first request', async () => {
    const channel = new WorkerChannel(new URL('./ts-worker.echo-fixture.ts', import.meta.url), { add: 2 });
    await channel.ready;
    expect(await channel.request<number>(40)).toBe(42);
    expect(await channel.request<number>(1)).toBe(3);
    await channel.terminate();
  });

  it('rejects ready, and every request, when the module cannot load', async () => {
    const channel = new WorkerChannel(new URL('./no-such-module.ts', import.meta.url), null);
    await expect(channel.ready).rejects.toThrow(/no-such-module/);
    await expect(channel.request(1)).rejects.toThrow(/no-such-module/);
  });
});
