import type { TonePattern } from './call-tones';

/** Seconds of fade in and out of each burst, so tones start and stop without a click. */
const RAMP = 0.012;

interface Playing {
  stop(): void;
}

/**
 * Plays generated tones (Web Audio oscillators; no sound files) on one
 * output device. The tones go through an <audio> element, whose setSinkId
 * picks the device: the ringer for the ringtone, the speaker for ringback.
 */
export class TonePlayer {
  private context: AudioContext | undefined;
  private output: MediaStreamAudioDestinationNode | undefined;
  private element: HTMLAudioElement | undefined;
  private sinkId = '';
  private looping: Playing | undefined;
  private loopPattern: TonePattern | undefined;

  /** The output device ('' for the system default). */
  setSink(deviceId: string): void {
    this.sinkId = deviceId;
    if (this.element) void applySink(this.element, deviceId);
  }

  /** Repeats `pattern` until told otherwise; undefined is silence. The same pattern again changes nothing. */
  loop(pattern: TonePattern | undefined): void {
    if (pattern === this.loopPattern) return;
    this.looping?.stop();
    this.looping = undefined;
    this.loopPattern = pattern;
    if (pattern) this.looping = this.start(pattern, true);
  }

  /** One cycle of `pattern` over whatever loops (a key's feedback tone). */
  once(pattern: TonePattern): void {
    this.start(pattern, false);
  }

  close(): void {
    this.loop(undefined);
    this.element?.pause();
    if (this.element) this.element.srcObject = null;
    void this.context?.close();
    this.context = undefined;
    this.element = undefined;
    this.output = undefined;
  }

  private destination(): { context: AudioContext; output: MediaStreamAudioDestinationNode } {
    if (!this.context || !this.output) {
      this.context = new AudioContext();
      this.output = this.context.createMediaStreamDestination();
      this.element = new Audio();
      this.element.srcObject = this.output.stream;
      void applySink(this.element, this.sinkId);
    }
    // Without a user gesture on the page yet, the browser may refuse: the tone stays silent, the call does not care.
    if (this.context.state === 'suspended') void this.context.resume().catch(() => undefined);
    void this.element?.play().catch(() => undefined);
    return { context: this.context, output: this.output };
  }

  private start(pattern: TonePattern, repeat: boolean): Playing {
    const { context, output } = this.destination();
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(output);
    const oscillators = pattern.frequencies.map((frequency) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
      return oscillator;
    });
    const amplitude = pattern.level / pattern.frequencies.length;
    const period = pattern.cadence.reduce((sum, seconds) => sum + seconds, 0);
    let next = context.currentTime + 0.03;
    const scheduleCycle = () => {
      let at = next;
      pattern.cadence.forEach((seconds, index) => {
        if (index % 2 === 0) {
          gain.gain.setValueAtTime(0, at);
          gain.gain.linearRampToValueAtTime(amplitude, at + RAMP);
          gain.gain.setValueAtTime(amplitude, at + seconds - RAMP);
          gain.gain.linearRampToValueAtTime(0, at + seconds);
        }
        at += seconds;
      });
      next += period;
    };
    scheduleCycle();
    let timer: ReturnType<typeof setInterval> | undefined;
    const stop = () => {
      clearInterval(timer);
      const now = context.currentTime;
      gain.gain.cancelScheduledValues(now);
      gain.gain.setValueAtTime(gain.gain.value, now);
      gain.gain.linearRampToValueAtTime(0, now + RAMP);
      for (const oscillator of oscillators) oscillator.stop(now + RAMP * 2);
      setTimeout(() => gain.disconnect(), 100);
    };
    if (repeat) {
      // Keep more than a cycle scheduled ahead: timers of a background tab may run only once a second.
      timer = setInterval(() => {
        while (next - context.currentTime < period + 1.5) scheduleCycle();
      }, 500);
    } else {
      for (const oscillator of oscillators) oscillator.stop(next);
      setTimeout(() => gain.disconnect(), (next - context.currentTime) * 1000 + 100);
    }
    return { stop };
  }
}

/** Routes an element to a device where the browser can (setSinkId); the default device otherwise. */
export async function applySink(element: HTMLMediaElement, deviceId: string): Promise<boolean> {
  const withSink = element as HTMLMediaElement & { setSinkId?: (id: string) => Promise<void>; sinkId?: string };
  if (!withSink.setSinkId || withSink.sinkId === deviceId) return withSink.sinkId === deviceId;
  try {
    await withSink.setSinkId(deviceId);
    return true;
  } catch {
    // The device went away or may not be used: stay on the default rather than go silent.
    await withSink.setSinkId('').catch(() => undefined);
    return false;
  }
}
