// Input checks shared by every metric. Each copies its input into a typed array so the
// metrics can sort and index freely without touching the caller's data.

export function checkLength(name: string, values: ArrayLike<number> | readonly string[]): number {
  if (values == null || typeof values.length !== 'number') {
    throw new RangeError(`${name} must be an array or typed array`);
  }
  if (values.length === 0) throw new RangeError(`${name} must not be empty`);
  return values.length;
}

export function checkSameLength(nameA: string, lengthA: number, nameB: string, lengthB: number): void {
  if (lengthA !== lengthB) {
    throw new RangeError(`${nameB} has length ${lengthB} but ${nameA} has length ${lengthA}`);
  }
}

/** 0/1 default flags (1 = default). */
export function toLabels(name: string, values: ArrayLike<number>): Uint8Array {
  const n = checkLength(name, values);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === 1) out[i] = 1;
    else if (v !== 0) throw new RangeError(`${name}[${i}] must be 0 or 1, got ${String(v)}`);
  }
  return out;
}

/** Ranking scores: any number except NaN (infinities still have an order). */
export function toScores(name: string, values: ArrayLike<number>): Float64Array {
  const n = checkLength(name, values);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || Number.isNaN(v)) {
      throw new RangeError(`${name}[${i}] must be a number, got ${String(v)}`);
    }
    out[i] = v;
  }
  return out;
}

/** Probabilities of default in [0, 1]. */
export function toProbabilities(name: string, values: ArrayLike<number>): Float64Array {
  const n = checkLength(name, values);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw new RangeError(`${name}[${i}] must be a probability in [0, 1], got ${String(v)}`);
    }
    out[i] = v;
  }
  return out;
}

export function labelsWithScores(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  scoresName = 'scores',
): { y: Uint8Array; s: Float64Array } {
  const y = toLabels('labels', labels);
  const s = toScores(scoresName, scores);
  checkSameLength('labels', y.length, scoresName, s.length);
  return { y, s };
}

export function labelsWithPd(labels: ArrayLike<number>, pd: ArrayLike<number>): { y: Uint8Array; p: Float64Array } {
  const y = toLabels('labels', labels);
  const p = toProbabilities('pd', pd);
  checkSameLength('labels', y.length, 'pd', p.length);
  return { y, p };
}

export function checkProbabilityArg(name: string, value: number, open = false): void {
  const ok = open ? value > 0 && value < 1 : value >= 0 && value <= 1;
  if (typeof value !== 'number' || !ok) {
    const range = open ? '(0, 1)' : '[0, 1]';
    throw new RangeError(`${name} must be in ${range}, got ${String(value)}`);
  }
}

export function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${String(value)}`);
  }
}
