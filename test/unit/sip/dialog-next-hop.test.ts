// Where requests inside a dialog with a trunk go (RFC 3261 §12.2.1.1, §8.1.2).
import { describe, expect, it } from 'vitest';
import { dialogNextHop } from '../../../main/pbx/sip/dialog/dialog-next-hop';
import type { SendTarget } from '../../../main/pbx/sip/transaction/transaction-layer';

const publicFlow: SendTarget = { protocol: 'udp', address: '203.0.113.10', port: 5060 };
const hop = (remoteTarget: string, routeSet: string[] = [], flow = publicFlow) => dialogNextHop({ remoteTarget, routeSet }, flow);

describe('dialogNextHop', () => {
  it('sends to the remote target when there is no route set', () => {
    expect(hop('sip:+14155550123@198.51.100.7:5080')).toEqual({ protocol: 'udp', address: '198.51.100.7', port: 5080 });
  });

  it('sends to the first Route, loose or strict, before the remote target', () => {
    expect(hop('sip:a@198.51.100.7', ['<sip:198.51.100.1;lr>', '<sip:198.51.100.2;lr>'])).toEqual({ protocol: 'udp', address: '198.51.100.1', port: 5060 });
    expect(hop('sip:a@198.51.100.7', ['<sip:198.51.100.3:5070>'])).toEqual({ protocol: 'udp', address: '198.51.100.3', port: 5070 });
  });

  it('takes the transport from the URI: ;transport=tcp, and sips means TLS on 5061', () => {
    expect(hop('sip:a@198.51.100.7;transport=TCP')).toEqual({ protocol: 'tcp', address: '198.51.100.7', port: 5060 });
    expect(hop('sips:a@198.51.100.7')).toEqual({ protocol: 'tls', address: '198.51.100.7', port: 5061 });
    expect(hop('sip:[2001:db8::7]:5062')).toEqual({ protocol: 'udp', address: '2001:db8::7', port: 5062 });
  });

  it('keeps the dialog flow (and its connection) when the hop is that same address', () => {
    const tcpFlow: SendTarget = { protocol: 'tcp', address: '203.0.113.10', port: 5060, connectionId: 7 };
    expect(hop('sip:a@203.0.113.10;transport=tcp', [], tcpFlow)).toBe(tcpFlow);
  });

  it('keeps the flow for a host name, an unknown transport or an unreadable URI', () => {
    expect(hop('sip:a@sbc.example.net')).toBe(publicFlow);
    expect(hop('sip:a@198.51.100.7;transport=sctp')).toBe(publicFlow);
    expect(hop('sip:a@198.51.100.7', ['<not a uri>'])).toBe(publicFlow);
    expect(hop('tel:+14155550123')).toBe(publicFlow);
  });

  it('ignores private, CGNAT and loopback addresses named by a provider reached on a public address', () => {
    for (const inside of ['10.1.2.3', '172.20.0.5', '192.168.1.20', '100.64.0.9', '127.0.0.1', '[fd00::5]']) expect(hop(`sip:a@${inside}`)).toBe(publicFlow);
  });

  it('follows a private address when the provider itself is on a private network (a lab, an office SBC)', () => {
    const lanFlow: SendTarget = { protocol: 'udp', address: '127.0.0.2', port: 5060 };
    expect(hop('sip:a@127.0.0.4:5090', [], lanFlow)).toEqual({ protocol: 'udp', address: '127.0.0.4', port: 5090 });
  });
});
