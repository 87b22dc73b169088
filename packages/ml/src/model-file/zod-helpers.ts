/** Small zod building blocks shared by the model-file schemas (finite numbers, counts, lists of them). */
import { z } from 'zod';

/** A finite number (zod 4 rejects NaN and the infinities). */
export const finite = z.number();
/** A non-negative whole number. */
export const count = z.int().nonnegative();
export const finiteList = z.array(finite);
export const countList = z.array(count);
export const names = z.array(z.string());
