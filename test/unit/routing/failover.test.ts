import { describe, expect, it } from 'vitest';
import { shouldFailOver, type TrunkAttemptOutcome } from '../../../main/pbx/routing/failover';

describe('when to try the next trunk', () => {
  it.each<TrunkAttemptOutcome>([500, 502, 503, 504, 599, 408, 'timeout', 'transport-error', 401, 403, 407, 488])('fails over on %s (the trunk could not carry the call)', (outcome) => {
    expect(shouldFailOver(outcome)).toBe(true);
  });

  it.each<TrunkAttemptOutcome>([486, 404, 410, 480, 484, 487, 600, 603, 604, 606])('stops on %s (the callee or the caller decided)', (outcome) => {
    expect(shouldFailOver(outcome)).toBe(false);
  });

  it.each<TrunkAttemptOutcome>([100, 180, 200, 302])('never fails over on a %s, which is not a failure', (outcome) => {
    expect(shouldFailOver(outcome)).toBe(false);
  });
});
