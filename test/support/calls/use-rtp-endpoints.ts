import { afterEach } from 'vitest';
import { RtpEndpoint } from './rtp-endpoint';

/** Opens RTP endpoints (a phone's media port) for a test file's tests; each test's are closed after it. */
export function useRtpEndpoints(): (options?: { echo?: boolean }) => Promise<RtpEndpoint> {
  const open: RtpEndpoint[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((endpoint) => endpoint.close()));
  });
  return async (options) => {
    const endpoint = await RtpEndpoint.open(options);
    open.push(endpoint);
    return endpoint;
  };
}
