import { describe, expect, it } from 'vitest';
import { inboundRouteSchema, type InboundRoute } from '../../../shared/routing';
import { routeInbound } from '../../../main/pbx/routing/inbound-router';

const inbound = (fields: unknown): InboundRoute => inboundRouteSchema.parse(fields);
const toExtension = (number: string) => ({ type: 'extension', number });

// Listed least specific first, so the order of the list cannot be what decides.
const ROUTES = [
  inbound({ did: '*', destination: toExtension('100') }),
  inbound({ did: '*', trunk: 'easybell', destination: { type: 'reject', status: 404 } }),
  inbound({ did: '+4930123456', destination: toExtension('1002') }),
  inbound({ did: '+4930123456', trunk: 'sipgate', destination: toExtension('1001') }),
];

describe('inbound routing from DID to destination', () => {
  it.each([
    ['+4930123456', 'sipgate', toExtension('1001'), 'this DID on this trunk'],
    ['+4930123456', 'easybell', toExtension('1002'), 'this DID on any trunk, before the trunk\'s default'],
    ['+4930999999', 'easybell', { type: 'reject', status: 404 }, 'the trunk\'s default'],
    ['+4930999999', 'sipgate', toExtension('100'), 'the default for every trunk'],
  ])('%s from %s goes to %j (%s)', (did, fromTrunk, destination, _why) => {
    expect(routeInbound({ did, fromTrunk, routes: ROUTES })).toMatchObject({ ok: true, destination });
  });

  it('returns the route that decided', () => {
    expect(routeInbound({ did: '+4930123456', fromTrunk: 'sipgate', routes: ROUTES })).toEqual({ ok: true, destination: toExtension('1001'), route: ROUTES[3] });
  });

  it('takes the first listed among equally specific routes', () => {
    const routes = [inbound({ did: '+4930123456', destination: toExtension('1') }), inbound({ did: '+4930123456', destination: toExtension('2') })];
    expect(routeInbound({ did: '+4930123456', fromTrunk: 'x', routes })).toMatchObject({ destination: toExtension('1') });
  });

  it('never uses a route bound to another trunk, and answers 404 in words when nothing is left', () => {
    const routes = [inbound({ did: '+4930123456', trunk: 'sipgate', destination: toExtension('1001') }), inbound({ did: '*', trunk: 'sipgate', destination: toExtension('100') })];
    expect(routeInbound({ did: '+4930123456', fromTrunk: 'easybell', routes })).toEqual({
      ok: false,
      status: 404,
      explanation: 'No inbound route takes calls to +4930123456 from trunk easybell, and there is no default (*) route for it.',
    });
    expect(routeInbound({ did: '+4930123456', fromTrunk: 'sipgate', routes: [] })).toMatchObject({ ok: false, status: 404 });
  });

  it('compares the DID exactly: the trunk layer hands it over in E.164', () => {
    const routes = [inbound({ did: '+4930123456', destination: toExtension('1001') })];
    expect(routeInbound({ did: '4930123456', fromTrunk: 'sipgate', routes })).toMatchObject({ ok: false, status: 404 });
  });
});
