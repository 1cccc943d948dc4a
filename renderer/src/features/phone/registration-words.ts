import type { RegistrationStatus } from '../../phone/phone-types';

export interface RegistrationWords {
  /** 'ok' registered, 'busy' on the way, 'problem' cannot call now. */
  tone: 'ok' | 'busy' | 'problem' | 'idle';
  text: string;
}

/** The registration in words; `secondsLeft` counts down to the next attempt. */
export function registrationWords(status: RegistrationStatus, secondsLeft: number | undefined): RegistrationWords {
  switch (status.state) {
    case 'idle':
      return { tone: 'idle', text: 'Phone off' };
    case 'connecting':
      return { tone: 'busy', text: status.extension ? `Connecting ${status.extension}…` : 'Connecting the phone…' };
    case 'registered':
      return { tone: 'ok', text: `Phone ready · ${status.extension}` };
    case 'reconnecting':
      return { tone: 'problem', text: `${status.reason} — reconnecting${secondsLeft ? ` in ${secondsLeft} s` : '…'}` };
    case 'offline':
      return { tone: 'problem', text: 'No network — the phone reconnects when it is back' };
    case 'failed':
      return { tone: 'problem', text: `Phone unavailable: ${status.reason}` };
  }
}
