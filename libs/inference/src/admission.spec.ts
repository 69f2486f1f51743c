import { InferenceBusyError, ServiceUnavailableError } from '@faceauth/common';
import { AdmissionGate } from './admission';
import { JobStats } from './job-stats';

describe(AdmissionGate.name, () => {
  const busyGate = (limit: number, workers: number, jobMs: number) => {
    const stats = new JobStats(workers);
    stats.record(jobMs);
    return new AdmissionGate(limit, stats);
  };

  it('refuses a 9th concurrent admission with 503 SERVICE_UNAVAILABLE and Retry-After', async () => {
    const gate = busyGate(8, 1, 100);
    const attempts = await Promise.allSettled(Array.from({ length: 9 }, async () => gate.admit()));
    const refused = attempts.filter((attempt) => attempt.status === 'rejected');
    expect(refused).toHaveLength(1);
    const error = refused[0].reason;
    expect(error).toBeInstanceOf(InferenceBusyError);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', details: { retry_after: 1 }, headers: { 'Retry-After': '1' } });
    expect(gate.admitted).toBe(8);
  });

  it('gives the place back on release, once however often release is called', () => {
    const gate = busyGate(2, 1, 100);
    const first = gate.admit();
    gate.admit();
    expect(() => gate.admit()).toThrow(InferenceBusyError);
    first.release();
    first.release();
    expect(gate.admitted).toBe(1);
    const third = gate.admit();
    expect(() => gate.admit()).toThrow(InferenceBusyError);
    third.release();
    expect(gate.admitted).toBe(1);
  });

  it('estimates Retry-After from the queue length, the recent mean job time and the workers', () => {
    // 20 requests of 900 ms on 2 workers: 9 s to clear.
    const gate = busyGate(20, 2, 900);
    for (let i = 0; i < 20; i++) gate.admit();
    expect(() => gate.admit()).toThrow(expect.objectContaining({ headers: { 'Retry-After': '9' }, details: { retry_after: 9 } }));
  });

  it('asks for at least one second before anything was measured', () => {
    const gate = new AdmissionGate(1, new JobStats(2));
    gate.admit();
    expect(() => gate.admit()).toThrow(expect.objectContaining({ headers: { 'Retry-After': '1' } }));
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new AdmissionGate(0, new JobStats(1))).toThrow(RangeError);
  });
});

describe(JobStats.name, () => {
  it('follows recent job times more than old ones', () => {
    const stats = new JobStats(1);
    stats.record(100);
    for (let i = 0; i < 20; i++) stats.record(500);
    expect(stats.recentMeanMs).toBeGreaterThan(490);
    expect(stats.recentMeanMs).toBeLessThanOrEqual(500);
  });

  it('reports utilisation as a share of the workers time, between 0 and 1', () => {
    const stats = new JobStats(2);
    expect(stats.utilization).toBe(0);
    stats.record(1e9);
    expect(stats.utilization).toBe(1);
  });
});
