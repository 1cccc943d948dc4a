import type { UasPolicy } from '../sip/ua/uas-preflight';

/** What the engine answers for itself (RFC 3261 §8.2); grows as call features land. */
export const PBX_UAS_POLICY: UasPolicy = {
  allowedMethods: ['REGISTER', 'OPTIONS', 'INVITE', 'ACK', 'CANCEL', 'BYE', 'UPDATE', 'INFO', 'REFER', 'NOTIFY'],
  supported: ['outbound', 'timer'],
  acceptedBodies: {
    INVITE: ['application/sdp'],
    UPDATE: ['application/sdp'],
    OPTIONS: ['application/sdp'],
    INFO: ['application/dtmf-relay', 'application/dtmf'],
    NOTIFY: ['message/sipfrag'],
  },
};
