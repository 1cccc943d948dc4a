import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../main/pbx/store/database';
import { RoutingRepository } from '../../../main/pbx/store/routing-repository';
import type { OutboundRoute } from '../../../shared/routing';

function tempFile() {
  return join(mkdtempSync(join(tmpdir(), 'dialtone-routing-')), 'test.sqlite');
}

function route(name: string, extra: Partial<OutboundRoute> = {}): OutboundRoute {
  return { name, enabled: true, patterns: ['9|NXXNXXXXXX'], prepend: '1', trunks: ['main'], ...extra };
}

const names = (routes: RoutingRepository) => routes.listOutbound().map((r) => r.name);
const positions = (db: Db) => db.prepare('SELECT name, position FROM outbound_routes ORDER BY position').all();

describe('the routing store', () => {
  it('keeps outbound routes in the order given, inserting and moving by position', () => {
    const db = openDatabase(tempFile());
    const routes = new RoutingRepository(db);
    routes.saveOutbound(route('local'));
    routes.saveOutbound(route('national'));
    routes.saveOutbound(route('international', { patterns: ['9|011.'] }));
    expect(names(routes)).toEqual(['local', 'national', 'international']);

    routes.saveOutbound(route('emergency', { patterns: ['911', '9911'], prepend: '' }), 0);
    expect(names(routes)).toEqual(['emergency', 'local', 'national', 'international']);

    routes.saveOutbound(route('international', { patterns: ['9|011.'] }), 1);
    expect(names(routes)).toEqual(['emergency', 'international', 'local', 'national']);

    // Changing a route without a position leaves it where it is; a position past the end means last.
    routes.saveOutbound(route('local', { enabled: false, trunks: ['main', 'backup'] }));
    expect(names(routes)).toEqual(['emergency', 'international', 'local', 'national']);
    routes.saveOutbound(route('emergency', { patterns: ['911', '9911'], prepend: '' }), 99);
    expect(names(routes)).toEqual(['international', 'local', 'national', 'emergency']);

    expect(routes.removeOutbound('local')).toBe(true);
    expect(routes.removeOutbound('local')).toBe(false);
    expect(positions(db)).toEqual([
      { name: 'international', position: 0 },
      { name: 'national', position: 1 },
      { name: 'emergency', position: 2 },
    ]);
  });

  it('stores every field of a route, the optional caller ID only when set', () => {
    const file = tempFile();
    const routes = new RoutingRepository(openDatabase(file));
    const withCallerId = route('sales', { patterns: ['9|NXXNXXXXXX', '9|1NXXNXXXXXX'], trunks: ['main', 'backup'], callerId: '+14155550100' });
    routes.saveOutbound(withCallerId);
    routes.saveOutbound(route('plain'));
    const reopened = new RoutingRepository(openDatabase(file));
    expect(reopened.listOutbound()).toEqual([withCallerId, route('plain')]);
    expect(Object.keys(reopened.listOutbound()[1] as OutboundRoute)).not.toContain('callerId');
  });

  it('refuses routes that outboundRouteSchema refuses, and leaves the order untouched', () => {
    const routes = new RoutingRepository(openDatabase(tempFile()));
    routes.saveOutbound(route('local'));
    expect(() => routes.saveOutbound(route('bad', { trunks: [] }))).toThrow();
    expect(() => routes.saveOutbound(route('bad', { patterns: ['9|abc'] }))).toThrow();
    expect(names(routes)).toEqual(['local']);
  });

  it('keeps one inbound route per called number and trunk', () => {
    const routes = new RoutingRepository(openDatabase(tempFile()));
    routes.saveInbound({ did: '+14155550100', destination: { type: 'extension', number: '1001' } });
    routes.saveInbound({ did: '+14155550100', trunk: 'backup', destination: { type: 'extension', number: '1002' } });
    routes.saveInbound({ did: '*', destination: { type: 'reject', status: 404 } });
    routes.saveInbound({ did: '+14155550100', destination: { type: 'extension', number: '1003' } });
    expect(routes.listInbound()).toEqual([
      { did: '*', destination: { type: 'reject', status: 404 } },
      { did: '+14155550100', destination: { type: 'extension', number: '1003' } },
      { did: '+14155550100', trunk: 'backup', destination: { type: 'extension', number: '1002' } },
    ]);
    expect(routes.removeInbound('+14155550100', 'backup')).toBe(true);
    expect(routes.removeInbound('+14155550100', 'backup')).toBe(false);
    expect(routes.removeInbound('+14155550100')).toBe(true);
    expect(routes.listInbound()).toEqual([{ did: '*', destination: { type: 'reject', status: 404 } }]);
    expect(() => routes.saveInbound({ did: '4155550100', destination: { type: 'extension', number: '1001' } })).toThrow();
  });

  it('allows nothing abroad until a dial policy is set, then keeps it', () => {
    const file = tempFile();
    const routes = new RoutingRepository(openDatabase(file));
    expect(routes.getDialPolicy()).toEqual({ internationalAllowList: [], internationalExtensions: [] });
    routes.setDialPolicy({ internationalAllowList: ['CA', 'MX'], internationalExtensions: ['1001'] });
    routes.setDialPolicy({ internationalAllowList: ['CA', 'GB'], internationalExtensions: ['1001', '1007'] });
    expect(new RoutingRepository(openDatabase(file)).getDialPolicy()).toEqual({ internationalAllowList: ['CA', 'GB'], internationalExtensions: ['1001', '1007'] });
    expect(() => routes.setDialPolicy({ internationalAllowList: ['canada'], internationalExtensions: [] })).toThrow();
  });
});
