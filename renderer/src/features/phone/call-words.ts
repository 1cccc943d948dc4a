import type { CallInfo } from '../../phone/phone-types';

/** What a call is doing, in the words its card shows. */
export function callStateWords(call: CallInfo): string {
  switch (call.state) {
    case 'dialing':
      return 'Calling…';
    case 'ringing':
      return call.earlyMedia ? 'Ringing (the other side plays a message)' : 'Ringing…';
    case 'incoming':
      return 'Incoming call';
    case 'connecting':
      return 'Connecting…';
    case 'active':
      return call.heldByRemote ? 'On hold by the other side' : 'Connected';
    case 'held':
      return 'On hold';
    case 'ended':
      return call.endReason ?? 'Call ended';
  }
}
