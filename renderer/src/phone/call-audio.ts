import { applySink } from './tone-player';

/** Plays one call's far-end audio on the chosen speaker. */
export class CallAudio {
  private readonly element = new Audio();

  constructor(stream: MediaStream, sinkId: string) {
    this.element.autoplay = true;
    this.element.srcObject = stream;
    void applySink(this.element, sinkId);
    // Tracks join the stream as the far end's media arrives; the element plays them as they come.
    void this.element.play().catch(() => undefined);
  }

  setSink(deviceId: string): void {
    void applySink(this.element, deviceId);
  }

  close(): void {
    this.element.pause();
    this.element.srcObject = null;
  }
}
