import { describe, expect, it } from 'vitest';
import { routeDecisionSchema, type RouteDecision } from '../../../shared/routing';
import { simulate, type SimulateRequest } from '../../../main/pbx/routing/simulate';
import { policy, route, US_ROUTES } from './route-fixtures';

const EXTENSIONS = ['100', '1001', '1002'];

function sim(dialled: string, extra: Partial<SimulateRequest> = {}): RouteDecision {
  const decision = simulate({ from: '1001', dialled, extensions: EXTENSIONS, routes: US_ROUTES, policy: policy(), homeCountry: 'US', ...extra });
  // What the admin UI and the CLI receive must fit the contract.
  return routeDecisionSchema.parse(decision);
}

describe('simulating a call, in words', () => {
  it('an extension rings inside the PBX', () => {
    expect(sim('1002')).toEqual({ outcome: 'extension', number: '1002', explanation: '1002 is an extension: the call rings 1002\'s phones and never leaves the PBX.' });
  });

  it('a national call names the route, pattern, trunks in order, number and caller ID, reading separators as a real call does', () => {
    expect(sim('9 (212) 555-1234')).toEqual({
      outcome: 'trunk',
      route: 'US national',
      trunks: ['primary', 'backup'],
      number: '+12125551234',
      callerId: '+14155550100',
      emergency: false,
      explanation: '92125551234 goes out on route "US national" (9|NXXNXXXXXX) through trunks primary, then backup (the next when one fails) as +12125551234. Caller ID +14155550100 (the route\'s).',
    });
  });

  it('a denied international call says which country, from whom, and how to allow it', () => {
    expect(sim('9011 49 30 12345678')).toEqual({
      outcome: 'denied',
      status: 403,
      explanation: 'International calls to Germany (+49) are not allowed from 1001; add DE to the allow-list or let 1001 call abroad.',
    });
  });

  it('an allowed international call says why it is allowed', () => {
    expect(sim('9011493012345678', { policy: policy({ internationalAllowList: ['DE'] }) }).explanation).toBe(
      '9011493012345678 goes out on route "International" (9|011.) through trunk primary as +493012345678. It is an international call to Germany, allowed because DE is on the allow-list. No caller ID is set, so the provider decides what the callee sees.',
    );
    expect(sim('9011493012345678', { policy: policy({ internationalExtensions: ['1001'] }), trunkCallerId: { primary: '+14155550199' } }).explanation).toContain(
      'allowed because 1001 may call abroad. Caller ID +14155550199 (the trunk\'s; each backup trunk shows its own).',
    );
  });

  it('an emergency call is routed whatever the policy and says so', () => {
    expect(sim('911', { extensionCallerId: '+14155550101' })).toEqual({
      outcome: 'trunk',
      route: 'Emergency',
      trunks: ['e911'],
      number: '911',
      callerId: '+14155550101',
      emergency: true,
      explanation: '911 is an emergency number in the home country (United States): it goes out on route "Emergency" (911) through trunk e911 as 911. Emergency calls are allowed from every extension, whatever the dialling policy. Caller ID +14155550101 (the extension\'s).',
    });
  });

  it('an emergency number wins over an extension with the same number, and the explanation says to renumber it', () => {
    const routes = [route({ name: 'Amt', patterns: ['0|.'] })];
    const decision = sim('100', { routes, homeCountry: 'BE' });
    expect(decision).toMatchObject({ outcome: 'trunk', number: '100', emergency: true, route: 'Amt' });
    expect(decision.explanation).toContain('route "Amt", the first with a usable trunk');
    expect(decision.explanation).toMatch(/Extension 100 cannot be reached by dialling 100: renumber it\.$/);
    // In the US, 100 is just an extension.
    expect(sim('100', { routes })).toMatchObject({ outcome: 'extension', number: '100' });
  });

  it('denials carry the router\'s status and words', () => {
    expect(sim('92125')).toEqual({ outcome: 'denied', status: 484, explanation: '92125 is incomplete: route "US national" (9|NXXNXXXXXX) expects more digits.' });
    expect(sim('5555')).toEqual({ outcome: 'denied', status: 404, explanation: 'No enabled outbound route matches 5555.' });
  });

  it('refuses to simulate a call from a number that is not an extension', () => {
    expect(sim('1002', { from: '9999' })).toEqual({ outcome: 'denied', status: 403, explanation: '9999 is not an extension, so it cannot place calls.' });
  });
});
