/** Calibration and anchor as the model file stores them (zod). */
import { z } from 'zod';
import { finite, finiteList } from '../model-file/zod-helpers.ts';
import type { AnchorState, CalibrationState } from './types.ts';

export const calibrationStateSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('none') }),
  z.strictObject({ method: z.literal('platt'), a: finite, b: finite }),
  z.strictObject({ method: z.literal('isotonic'), x: finiteList.min(1), y: finiteList.min(1) }),
]) satisfies z.ZodType<CalibrationState>;

export const anchorStateSchema = z.strictObject({
  rate: finite.gt(0).lt(1),
  shift: finite,
  meanBefore: finite,
}) satisfies z.ZodType<AnchorState>;
