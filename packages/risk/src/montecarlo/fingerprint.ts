/**
 * A 64-bit fingerprint (two FNV-1a 32-bit hashes with different offsets) of everything that
 * determines the scenarios: chunks carry it, and merging refuses chunks of another plan.
 */
function feed(state: [number, number], bytes: Uint8Array): void {
  let [h1, h2] = state;
  for (let i = 0; i < bytes.length; i++) {
    h1 = Math.imul(h1 ^ bytes[i]!, 0x01000193);
    h2 = Math.imul(h2 ^ bytes[i]!, 0x01000193) ^ (h2 >>> 15);
  }
  state[0] = h1;
  state[1] = h2;
}

export function fingerprintOf(value: object): string {
  const state: [number, number] = [0x811c9dc5 | 0, 0x1b873593 | 0];
  const encoder = new TextEncoder();
  const visit = (key: string, item: unknown) => {
    feed(state, encoder.encode(key));
    if (ArrayBuffer.isView(item)) feed(state, new Uint8Array(item.buffer, item.byteOffset, item.byteLength));
    else if (Array.isArray(item) && item.every((element) => typeof element !== 'object' || element === null))
      feed(state, encoder.encode(JSON.stringify(item)));
    else if (Array.isArray(item)) item.forEach((element, i) => visit(`${key}[${i}]`, element));
    else if (item && typeof item === 'object')
      for (const [k, v] of Object.entries(item).sort(([x], [y]) => (x < y ? -1 : 1))) visit(`${key}.${k}`, v);
    else feed(state, encoder.encode(JSON.stringify(item)));
  };
  visit('', value);
  return (state[0] >>> 0).toString(16).padStart(8, '0') + (state[1] >>> 0).toString(16).padStart(8, '0');
}
