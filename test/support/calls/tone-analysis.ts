/** Root mean square of 16-bit samples, as a fraction of full scale. */
export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length) / 32768;
}

/** Power at one frequency (the Goertzel algorithm: a single DFT bin). */
function powerAt(samples: Int16Array, sampleRate: number, frequency: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  for (const s of samples) {
    const current = s + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
}

/** The strongest frequency between 100 Hz and just under Nyquist, to the nearest `stepHz`. */
export function dominantFrequency(samples: Int16Array, sampleRate: number, stepHz = 10): number {
  let best = { frequency: 0, power: -1 };
  for (let f = 100; f < sampleRate / 2 - stepHz; f += stepHz) {
    const power = powerAt(samples, sampleRate, f);
    if (power > best.power) best = { frequency: f, power };
  }
  return best.frequency;
}
