// The tones a phone plays, as data: frequencies and on/off cadences.

export interface TonePattern {
  /** Frequencies mixed together, in Hz. */
  frequencies: readonly number[];
  /** Alternating on and off times in seconds, starting with on; the list repeats. */
  cadence: readonly number[];
  /** Peak level, 0..1 of full scale. */
  level: number;
}

const NANP_RINGBACK: TonePattern = { frequencies: [440, 480], cadence: [2, 4], level: 0.12 };
const UK_RINGBACK: TonePattern = { frequencies: [400, 450], cadence: [0.4, 0.2, 0.4, 2], level: 0.12 };
/** ITU-T E.180 / ETSI: most of Europe and much of the world. */
const EUROPEAN_RINGBACK: TonePattern = { frequencies: [425], cadence: [1, 4], level: 0.12 };

const RINGBACK_BY_COUNTRY: Record<string, TonePattern> = {
  US: NANP_RINGBACK,
  CA: NANP_RINGBACK,
  PR: NANP_RINGBACK,
  GB: UK_RINGBACK,
  IE: UK_RINGBACK,
  AU: UK_RINGBACK,
  NZ: UK_RINGBACK,
};

/** The ringback people of the home country expect to hear while the other phone rings. */
export function ringbackFor(country: string): TonePattern {
  return RINGBACK_BY_COUNTRY[country] ?? EUROPEAN_RINGBACK;
}

/** Our own ringtone: a soft two-note chime, twice, then a pause. */
export const RINGTONE: TonePattern = { frequencies: [659, 831], cadence: [0.35, 0.15, 0.35, 2.2], level: 0.25 };

/** Call waiting (ITU-T E.180 style): two short beeps every few seconds, quiet, over the call. */
export const CALL_WAITING: TonePattern = { frequencies: [440], cadence: [0.2, 0.2, 0.2, 4.4], level: 0.08 };

const DTMF_ROWS: Record<string, number> = { '1': 697, '2': 697, '3': 697, A: 697, '4': 770, '5': 770, '6': 770, B: 770, '7': 852, '8': 852, '9': 852, C: 852, '*': 941, '0': 941, '#': 941, D: 941 };
const DTMF_COLUMNS: Record<string, number> = { '1': 1209, '4': 1209, '7': 1209, '*': 1209, '2': 1336, '5': 1336, '8': 1336, '0': 1336, '3': 1477, '6': 1477, '9': 1477, '#': 1477, A: 1633, B: 1633, C: 1633, D: 1633 };

/** The key's own DTMF pair (ITU-T Q.23), played quietly as feedback when it is pressed. */
export function dtmfFeedback(key: string): TonePattern | undefined {
  const row = DTMF_ROWS[key];
  const column = DTMF_COLUMNS[key];
  return row && column ? { frequencies: [row, column], cadence: [0.12], level: 0.06 } : undefined;
}
