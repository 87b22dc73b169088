// What the API benchmarks share: waiting for a process they started, and rounding what they report.

/** Resolves once `url` answers below 500 (polled every 250 ms, 30 s at most); throws after that. */
export async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} never became ready`);
}

export const round2 = (x: number) => Math.round(x * 100) / 100;
