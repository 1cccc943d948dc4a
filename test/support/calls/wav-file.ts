import { readFileSync, writeFileSync } from 'node:fs';

export interface Pcm {
  sampleRate: number;
  /** The first channel, as 16-bit signed samples. */
  samples: Int16Array;
}

/** Writes mono 16-bit PCM as a RIFF/WAVE file (the only format baresip's aufile reads). */
export function writeWav(path: string, pcm: Pcm): void {
  const data = Buffer.from(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(pcm.sampleRate, 24);
  header.writeUInt32LE(pcm.sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
}

/** Reads a 16-bit PCM WAVE file by its chunks (libsndfile may add chunks before "data"). */
export function readWav(path: string): Pcm {
  const file = readFileSync(path);
  if (file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path} is not a WAVE file`);
  let channels = 0;
  let sampleRate = 0;
  for (let offset = 12; offset + 8 <= file.length; ) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (file.readUInt16LE(body) !== 1 || file.readUInt16LE(body + 14) !== 16) throw new Error(`${path} is not 16-bit PCM`);
      channels = file.readUInt16LE(body + 2);
      sampleRate = file.readUInt32LE(body + 4);
    } else if (id === 'data') {
      // A file still being written may announce more than it holds.
      const end = Math.min(body + size, file.length);
      const frames = Math.floor((end - body) / (2 * channels));
      const samples = new Int16Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = file.readInt16LE(body + 2 * channels * i);
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${path} has no data chunk`);
}

/** A sine tone at `level` of full scale. */
export function tone(frequency: number, seconds: number, sampleRate: number, level = 0.3): Pcm {
  const samples = new Int16Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(level * 32767 * Math.sin((2 * Math.PI * frequency * i) / sampleRate));
  return { sampleRate, samples };
}
