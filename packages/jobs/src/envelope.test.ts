import { describe, expect, it } from 'vitest';
import { JobPayloadError, openEnvelope, sealPayload } from './envelope.ts';
import { JOBS, isJobId, jobContract } from './registry.ts';

const snapshot = jobContract('snapshot-portfolios');

describe('job envelopes', () => {
  it('seals a valid payload with the contract version and opens it again', () => {
    const sealed = sealPayload(snapshot, { asOf: '2026-11-27', organizationId: '0190a000-0000-7000-8000-000000000001' });
    expect(sealed).toEqual({ version: 1, payload: { asOf: '2026-11-27', organizationId: '0190a000-0000-7000-8000-000000000001' } });
    expect(openEnvelope(snapshot, JSON.parse(JSON.stringify(sealed)))).toEqual(sealed.payload);
    expect(openEnvelope(snapshot, { version: 1, payload: { asOf: '2026-11-27T23:30:00+01:00' } })).toEqual({
      asOf: '2026-11-27T23:30:00+01:00',
    });
  });

  it('names each field at fault, when sending and when running', () => {
    expect(() => sealPayload(snapshot, { asOf: 'yesterday' })).toThrow(
      'snapshot-portfolios payload: asOf: must be a date (YYYY-MM-DD) or an ISO 8601 instant',
    );
    expect(() => sealPayload(snapshot, { organizationId: 'acme' })).toThrow(/organizationId: /);
    expect(() => openEnvelope(snapshot, { version: 1, payload: { asOf: '2026-11-27', extra: true } })).toThrow(JobPayloadError);
  });

  it('refuses data from another version or not sealed at all', () => {
    expect(() => openEnvelope(snapshot, { version: 2, payload: {} })).toThrow(/payload version 2 but this worker runs version 1/);
    expect(() => openEnvelope(snapshot, { asOf: '2026-11-27' })).toThrow(/not a Probity job/);
    expect(() => openEnvelope(snapshot, null)).toThrow(/not a Probity job/);
  });
});

describe('job registry', () => {
  it('lists each job once, by a pg-boss-safe id', () => {
    const ids = JOBS.map((job) => job.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(isJobId('snapshot-portfolios')).toBe(true);
    expect(isJobId('mine-bitcoin')).toBe(false);
    expect(() => jobContract('mine-bitcoin' as never)).toThrow(/Unknown job "mine-bitcoin"; known: snapshot-portfolios/);
  });
});
