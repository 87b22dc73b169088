// Activation functions and their derivatives in float64 for the lean scorer and its backward pass.
// They must match the tfjs definitions in tf-network.ts exactly (same formulas, same constants).
import type { DeepActivation } from './types.ts';

// The published constants (1.6732632423543772848…, 1.0507009873554804934…) rounded to the nearest double.
export const SELU_ALPHA = 1.6732632423543772;
export const SELU_SCALE = 1.0507009873554805;
export const GELU_C = Math.sqrt(2 / Math.PI);
export const GELU_K = 0.044715;

export interface ActivationPair {
  f(x: number): number;
  /** Derivative at pre-activation x. */
  df(x: number): number;
}

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

const table: Record<DeepActivation, ActivationPair> = {
  swish: {
    f: (x) => x * sigmoid(x),
    df: (x) => {
      const s = sigmoid(x);
      return s + x * s * (1 - s);
    },
  },
  // The tanh approximation of GELU: smooth everywhere, cheap, and what tf-network.ts builds.
  gelu: {
    f: (x) => 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_K * x * x * x))),
    df: (x) => {
      const t = Math.tanh(GELU_C * (x + GELU_K * x * x * x));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * x * x);
    },
  },
  softplus: {
    f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
    df: sigmoid,
  },
  tanh: {
    f: Math.tanh,
    df: (x) => {
      const t = Math.tanh(x);
      return 1 - t * t;
    },
  },
  elu: {
    f: (x) => (x > 0 ? x : Math.expm1(x)),
    df: (x) => (x > 0 ? 1 : Math.exp(x)),
  },
  selu: {
    f: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
    df: (x) => SELU_SCALE * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x)),
  },
};

export function activation(name: DeepActivation): ActivationPair {
  const pair = table[name];
  if (!pair) throw new Error(`unknown activation '${name}'`);
  return pair;
}
