// Which microphone, speaker and ringer the phone uses: remembered in this
// browser (localStorage), by device id and label, since ids can change
// between sessions while labels stay; the system default when the remembered
// device is not there.

export type DeviceRole = 'microphone' | 'speaker' | 'ringer';

export interface RememberedDevice {
  deviceId: string;
  label: string;
}

export type DeviceChoices = Partial<Record<DeviceRole, RememberedDevice>>;

export interface AvailableDevices {
  microphones: MediaDeviceInfo[];
  /** Outputs; empty where the browser cannot choose one (no setSinkId). */
  speakers: MediaDeviceInfo[];
  /** False until the person allowed the microphone: browsers hide device names until then. */
  labelled: boolean;
}

const STORAGE_KEY = 'dialtone.audioDevices';

export function loadDeviceChoices(storage: Storage = localStorage): DeviceChoices {
  try {
    const parsed = JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    const choices: DeviceChoices = {};
    for (const role of ['microphone', 'speaker', 'ringer'] as const) {
      const value = parsed[role] as Partial<RememberedDevice> | undefined;
      if (value && typeof value.deviceId === 'string' && typeof value.label === 'string') choices[role] = { deviceId: value.deviceId, label: value.label };
    }
    return choices;
  } catch {
    return {};
  }
}

export function saveDeviceChoices(choices: DeviceChoices, storage: Storage = localStorage): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(choices));
  } catch {
    // Private mode or a full quota: the choice holds for this session only.
  }
}

export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

export async function listDevices(): Promise<AvailableDevices> {
  if (!navigator.mediaDevices?.enumerateDevices) return { microphones: [], speakers: [], labelled: false };
  const devices = await navigator.mediaDevices.enumerateDevices();
  const microphones = devices.filter((d) => d.kind === 'audioinput');
  const speakers = canChooseSpeaker() ? devices.filter((d) => d.kind === 'audiooutput') : [];
  return { microphones, speakers, labelled: devices.some((d) => d.label !== '') };
}

/**
 * The device id to use for a remembered choice among the devices there now:
 * the same id, else a device with the same label (its id changed), else ''
 * (the system default).
 */
export function resolveDevice(choice: RememberedDevice | undefined, available: readonly MediaDeviceInfo[]): string {
  if (!choice || choice.deviceId === '' || choice.deviceId === 'default') return '';
  const byId = available.find((d) => d.deviceId === choice.deviceId);
  if (byId) return byId.deviceId;
  const byLabel = choice.label ? available.find((d) => d.label === choice.label) : undefined;
  return byLabel?.deviceId ?? '';
}

/** getUserMedia constraints for a microphone ('' for the default). */
export function microphoneConstraints(deviceId: string): MediaStreamConstraints {
  return { audio: deviceId ? { deviceId: { exact: deviceId } } : true, video: false };
}

/** Asks for the microphone once, so that the browser reveals device names; the stream is closed at once. */
export async function unlockDeviceLabels(): Promise<void> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
  for (const track of stream.getTracks()) track.stop();
}
