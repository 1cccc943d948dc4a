import { describe, expect, it } from 'vitest';
import type { OutboundDecision, OutboundRequest } from '../../../main/pbx/routing/outbound-decision';
import { routeOutbound } from '../../../main/pbx/routing/outbound-router';
import { policy, route, US_ROUTES } from './route-fixtures';

function us(dialled: string, extra: Partial<OutboundRequest> = {}): OutboundDecision {
  return routeOutbound({ caller: '1001', dialled, routes: US_ROUTES, policy: policy(), homeCountry: 'US', ...extra });
}

describe('outbound routing: national calls, strip and prepend (US)', () => {
  it('strips the 9, sends E.164 on the route\'s trunks in order with the route\'s caller ID', () => {
    expect(us('92125551234')).toEqual({
      ok: true,
      route: 'US national',
      pattern: '9|NXXNXXXXXX',
      trunks: ['primary', 'backup'],
      number: '+12125551234',
      country: 'US',
      international: false,
      emergency: false,
      callerId: '+14155550100',
      callerIdSource: 'route',
    });
    expect(us('912125551234')).toMatchObject({ ok: true, pattern: '9|1NXXNXXXXXX', number: '+12125551234' });
  });

  it('prepends after stripping: 7-digit local dialling gets the area code', () => {
    const routes = [route({ name: 'Local', patterns: ['9|NXXXXXX'], prepend: '1415' })];
    expect(us('95550100', { routes })).toMatchObject({ ok: true, route: 'Local', number: '+14155550100' });
  });

  it('takes the first enabled route that matches, in route order, and skips disabled ones', () => {
    const routes = [
      route({ name: 'Off', enabled: false, patterns: ['9|.'], trunks: ['old'] }),
      route({ name: 'Toll free', patterns: ['9|1800NXXXXXX'], trunks: ['cheap'] }),
      route({ name: 'Everything', patterns: ['9|.'] }),
    ];
    expect(us('918005550100', { routes })).toMatchObject({ ok: true, route: 'Toll free', trunks: ['cheap'], number: '+18005550100' });
    expect(us('92125551234', { routes })).toMatchObject({ ok: true, route: 'Everything', pattern: '9|.' });
  });

  it('denies with 404 when no enabled route matches', () => {
    const routes = [route({ name: 'Off', enabled: false, patterns: ['8|.'] })];
    expect(us('82125551234', { routes })).toEqual({ ok: false, status: 404, explanation: 'No enabled outbound route matches 82125551234.' });
  });

  it('denies with 484 when more digits could still match a route', () => {
    expect(us('92125')).toEqual({ ok: false, status: 484, explanation: '92125 is incomplete: route "US national" (9|NXXNXXXXXX) expects more digits.' });
    expect(us('')).toEqual({ ok: false, status: 484, explanation: 'Nothing was dialled.' });
  });

  it('denies with 484 when the number is too short and 404 when it is not a number, saying what the route made of it', () => {
    const routes = [route({ name: 'Everything', patterns: ['9|.'] })];
    expect(us('9311', { routes })).toEqual({
      ok: false,
      status: 484,
      explanation: 'Route "Everything" turns 9311 into 311: 311 is too short for a phone number (home country: United States).',
    });
    expect(us('95555555555')).toMatchObject({ ok: false, status: 404, explanation: expect.stringContaining('5555555555 is not a valid phone number') });
  });
});

describe('outbound routing: the international policy', () => {
  it('denies calls abroad by default with 403, naming the country and the two fixes', () => {
    expect(us('9011493012345678')).toEqual({
      ok: false,
      status: 403,
      explanation: 'International calls to Germany (+49) are not allowed from 1001; add DE to the allow-list or let 1001 call abroad.',
    });
  });

  it('allows a country on the allow-list, and only that country', () => {
    const allowDe = policy({ internationalAllowList: ['DE'] });
    expect(us('9011493012345678', { policy: allowDe })).toMatchObject({ ok: true, route: 'International', number: '+493012345678', country: 'DE', international: true });
    expect(us('9011442079460000', { policy: allowDe })).toMatchObject({ ok: false, status: 403 });
  });

  it('allows any country from an international extension, and not from the others', () => {
    const boss = policy({ internationalExtensions: ['1000'] });
    expect(us('9011442079460000', { policy: boss, caller: '1000' })).toMatchObject({ ok: true, country: 'GB', international: true });
    expect(us('9011442079460000', { policy: boss, caller: '1001' })).toMatchObject({ ok: false, status: 403 });
  });

  it('counts other NANP countries as abroad even without 011', () => {
    expect(us('94165550100')).toEqual({
      ok: false,
      status: 403,
      explanation: 'International calls to Canada (+1) are not allowed from 1001; add CA to the allow-list or let 1001 call abroad.',
    });
    expect(us('98765550100')).toMatchObject({ ok: false, status: 403, explanation: expect.stringContaining('Jamaica (+1)') });
  });

  it('can only let an extension call a number outside any country, since no allow-list entry names it', () => {
    const routes = [route({ name: 'Plus', patterns: ['+.'] })];
    expect(us('+80012345678', { routes })).toEqual({
      ok: false,
      status: 403,
      explanation: 'International calls to +800 (a number outside any country) are not allowed from 1001; let 1001 call abroad.',
    });
    expect(us('+80012345678', { routes, policy: policy({ internationalExtensions: ['1001'] }) })).toMatchObject({ ok: true, country: null, international: true });
  });
});

describe('outbound routing: home countries GB and DE', () => {
  const gbRoutes = [route({ name: 'UK', patterns: ['0ZXXXXXXXXX'] }), route({ name: 'Abroad', patterns: ['00.'] })];
  const deRoutes = [route({ name: 'Amt', patterns: ['0|.'] })];

  it('GB: national numbers keep their 0 in the pattern and become +44', () => {
    expect(routeOutbound({ caller: '201', dialled: '02079460000', routes: gbRoutes, policy: policy(), homeCountry: 'GB' })).toMatchObject({
      ok: true, route: 'UK', number: '+442079460000', international: false,
    });
    expect(routeOutbound({ caller: '201', dialled: '00493012345678', routes: gbRoutes, policy: policy(), homeCountry: 'GB' })).toMatchObject({
      ok: false, status: 403, explanation: expect.stringContaining('Germany (+49)'),
    });
  });

  it('DE: after the outside-line 0, national (0…) and international (00…) numbers', () => {
    const de = (dialled: string) => routeOutbound({ caller: '20', dialled, routes: deRoutes, policy: policy({ internationalAllowList: ['AT'] }), homeCountry: 'DE' });
    expect(de('0030123456')).toMatchObject({ ok: true, number: '+4930123456', international: false });
    expect(de('00043123456789')).toMatchObject({ ok: true, number: '+43123456789', country: 'AT', international: true });
    expect(de('000442079460000')).toEqual({
      ok: false,
      status: 403,
      explanation: 'International calls to United Kingdom (+44) are not allowed from 20; add GB to the allow-list or let 20 call abroad.',
    });
  });
});

describe('outbound routing: trunks and caller ID', () => {
  it('keeps only usable trunks, in the route\'s order, and answers 503 when none is left', () => {
    expect(us('92125551234', { usableTrunks: ['backup', 'primary'] })).toMatchObject({ ok: true, trunks: ['primary', 'backup'] });
    expect(us('92125551234', { usableTrunks: ['backup'] })).toMatchObject({ ok: true, trunks: ['backup'] });
    expect(us('92125551234', { usableTrunks: [] })).toEqual({
      ok: false,
      status: 503,
      explanation: 'Route "US national" has no usable trunk: primary, backup are disabled or missing.',
    });
  });

  it('shows the extension\'s own caller ID over the route\'s, the route\'s over the trunk\'s', () => {
    const trunkCallerId = { primary: '+14155550199' };
    expect(us('92125551234', { extensionCallerId: '+14155550101', trunkCallerId })).toMatchObject({ callerId: '+14155550101', callerIdSource: 'extension' });
    expect(us('92125551234', { trunkCallerId })).toMatchObject({ callerId: '+14155550100', callerIdSource: 'route' });
    expect(us('9011442079460000', { trunkCallerId, policy: policy({ internationalAllowList: ['GB'] }) })).toMatchObject({ callerId: '+14155550199', callerIdSource: 'trunk' });
  });

  it('takes the first usable trunk\'s caller ID, or none', () => {
    const routes = [route({ name: 'Plain', patterns: ['9|NXXNXXXXXX'], trunks: ['constructor', 'backup'] })];
    const trunkCallerId = { backup: '+14155550198' };
    expect(us('92125551234', { routes, trunkCallerId })).toMatchObject({ callerId: null, callerIdSource: null });
    expect(us('92125551234', { routes, trunkCallerId, usableTrunks: ['backup'] })).toMatchObject({ callerId: '+14155550198', callerIdSource: 'trunk' });
  });
});

describe('outbound routing: emergency calls', () => {
  const nobodyAbroad = policy();

  it('routes 911 from any extension on the first matching route with a usable trunk, sending 911 itself', () => {
    expect(us('911', { caller: '1999', policy: nobodyAbroad })).toEqual({
      ok: true,
      route: 'Emergency',
      pattern: '911',
      trunks: ['e911'],
      number: '911',
      country: 'US',
      international: false,
      emergency: true,
      callerId: null,
      callerIdSource: null,
    });
  });

  it('knows 9911 as 911 dialled after the outside-line digit, and sends 911', () => {
    expect(us('9911')).toMatchObject({ ok: true, route: 'Emergency', pattern: '9|911', number: '911', emergency: true });
  });

  it('takes the next matching route when the first has no usable trunk, and the first enabled route with a trunk when none matches', () => {
    const routes = [
      route({ name: 'Emergency', patterns: ['911'], trunks: ['e911'] }),
      route({ name: 'Catch-all', patterns: ['9|NXXNXXXXXX', '[2-9]11'], trunks: ['primary'] }),
    ];
    expect(us('911', { routes, usableTrunks: ['primary'] })).toMatchObject({ ok: true, route: 'Catch-all', pattern: '[2-9]11', number: '911' });
    const noEmergencyPattern = [route({ name: 'Off', enabled: false, patterns: ['9|.'] }), route({ name: 'Dead', patterns: ['9|.'], trunks: ['gone'] }), ...US_ROUTES.slice(1)];
    expect(us('911', { routes: noEmergencyPattern, usableTrunks: ['primary', 'backup'] })).toMatchObject({
      ok: true, route: 'US national', pattern: null, trunks: ['primary', 'backup'], number: '911', emergency: true, callerId: '+14155550100',
    });
  });

  it('answers 503 in words when no enabled route has a usable trunk', () => {
    expect(us('911', { usableTrunks: [] })).toEqual({
      ok: false,
      status: 503,
      explanation: '911 is an emergency number in the home country (United States), but no enabled outbound route has a usable trunk. Add or enable one now.',
    });
  });

  it('keeps the caller ID order for emergency calls', () => {
    expect(us('911', { extensionCallerId: '+14155550101' })).toMatchObject({ callerId: '+14155550101', callerIdSource: 'extension', emergency: true });
  });

  it('uses the home country\'s numbers: 112 and 110 in DE, 999 and 112 in GB, not 911 there', () => {
    const routes = [route({ name: 'Amt', patterns: ['0|.'] })];
    const from = (homeCountry: string, dialled: string) => routeOutbound({ caller: '20', dialled, routes, policy: nobodyAbroad, homeCountry });
    expect(from('DE', '112')).toMatchObject({ ok: true, number: '112', emergency: true, pattern: null });
    expect(from('DE', '0112')).toMatchObject({ ok: true, number: '112', emergency: true, pattern: '0|.' });
    expect(from('DE', '110')).toMatchObject({ ok: true, number: '110', emergency: true });
    expect(from('GB', '999')).toMatchObject({ ok: true, number: '999', emergency: true });
    expect(from('GB', '112')).toMatchObject({ ok: true, number: '112', emergency: true });
    expect(from('DE', '0911')).toMatchObject({ ok: false, status: 484 });
  });
});
