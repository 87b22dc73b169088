// Gauss-Legendre quadrature: n nodes integrate polynomials up to degree 2n - 1 exactly, so the
// smooth path integrals of Integrated Gradients converge in few gradient evaluations.

export interface Quadrature {
  nodes: Float64Array;
  weights: Float64Array;
}

const cache = new Map<number, Quadrature>();

/** Nodes and weights on [-1, 1] (Newton iteration on the Legendre polynomial P_n). */
export function gaussLegendre(n: number): Quadrature {
  if (!Number.isInteger(n) || n < 1) throw new Error(`gaussLegendre: n must be a positive integer, got ${n}`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      // Three-term recurrence for P_n(x) and its derivative.
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pPrev = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pPrev)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    // Recompute the derivative at the converged root for the weight.
    let p0 = 1;
    let p1 = x;
    for (let k = 2; k <= n; k++) {
      const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
      p0 = p1;
      p1 = p2;
    }
    dp = n === 1 ? 1 : (n * (x * p1 - p0)) / (x * x - 1);
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  if (n % 2 === 1) nodes[(n - 1) / 2] = 0;
  return { nodes, weights };
}

/** Nodes and weights on [0, 1], cached per n. */
export function gaussLegendreUnit(n: number): Quadrature {
  let q = cache.get(n);
  if (!q) {
    const base = gaussLegendre(n);
    q = {
      nodes: base.nodes.map((x) => (x + 1) / 2),
      weights: base.weights.map((w) => w / 2),
    };
    cache.set(n, q);
  }
  return q;
}
