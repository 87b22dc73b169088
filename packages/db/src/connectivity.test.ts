import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './connectivity.ts';

describe('isDatabaseUnavailable', () => {
  it('recognises lost and refused connections however they are wrapped', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: { kind: 'DatabaseNotReachable' } }))).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('x'), { meta: { driverAdapterError: { cause: { kind: 'ConnectionClosed' } } } })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves every other error alone', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('division by zero'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
