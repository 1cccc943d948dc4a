import type { EngineStatus } from '../../../../shared/contract';

const ANY_ADDRESS = new Set(['0.0.0.0', '::']);

/** A listen address as a person types it into a phone. */
function describeAddress(address: string): string {
  return ANY_ADDRESS.has(address) ? `${address} (every address of this machine)` : address;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What the engine is and where phones reach it. `registeredDevices` is the
 * live count when the extension list is loaded, else the count at load time.
 */
export function EngineCard({ status, registeredDevices }: { status: EngineStatus; registeredDevices: number }) {
  const { sip } = status;
  return (
    <div className="card">
      <h2>Engine</h2>
      <dl className="facts">
        <dt>Version</dt>
        <dd>{status.version}</dd>
        <dt>Running since</dt>
        <dd>{new Date(status.startedAt).toLocaleString()}</dd>
        <dt>Web UI and API</dt>
        <dd>
          {status.http.bind}:{status.http.port}
        </dd>
        <dt>SIP server</dt>
        <dd data-testid="sip-addresses">{sip.addresses.map(describeAddress).join(', ')}</dd>
        <dt>SIP ports</dt>
        <dd data-testid="sip-ports">
          UDP {sip.udp} · TCP {sip.tcp} · {sip.tls === null ? 'TLS off' : `TLS ${sip.tls}`} · WebSocket {status.http.port}
        </dd>
        <dt>SIP domain (realm)</dt>
        <dd>
          <code>{sip.realm}</code>
        </dd>
        <dt>Registered phones</dt>
        <dd data-testid="registered-devices">{plural(registeredDevices, 'device', 'devices')}</dd>
        <dt>Data folder</dt>
        <dd>
          <code>{status.dataDir}</code>
        </dd>
      </dl>
      <p className="hint">
        To set up a phone: SIP server and port from above, username and authentication ID = the extension number, password = the
        extension&apos;s password.
      </p>
    </div>
  );
}
