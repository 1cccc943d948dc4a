import { create } from 'zustand';
import type { PhoneConnection } from '../../../shared/phone';
import {
  listDevices,
  loadDeviceChoices,
  resolveDevice,
  saveDeviceChoices,
  unlockDeviceLabels,
  type AvailableDevices,
  type DeviceChoices,
  type DeviceRole,
} from '../phone/audio-devices';
import { Phone, type ActionResult } from '../phone/phone';
import type { CallInfo, RegistrationStatus } from '../phone/phone-types';

export interface PhoneDevices {
  status: 'idle' | 'loading' | 'ready' | 'error';
  available: AvailableDevices;
  choices: DeviceChoices;
  error: string | undefined;
}

interface PhoneStartOptions {
  fetchConnection(): Promise<PhoneConnection>;
  country(): string;
  nameFor(number: string): string | undefined;
}

interface PhoneState {
  registration: RegistrationStatus;
  calls: readonly CallInfo[];
  /** The call the in-call panel shows; undefined picks the one that talks. */
  selectedId: string | undefined;
  devices: PhoneDevices;
  start(options: PhoneStartOptions): void;
  stop(): Promise<void>;
  retry(): void;
  call(input: string): Promise<ActionResult>;
  answer(id: string): Promise<void>;
  decline(id: string): void;
  hangup(id: string): void;
  hold(id: string): Promise<void>;
  /** Takes `id` off hold (holding the call that talks) and shows it. */
  resume(id: string): Promise<void>;
  setMuted(id: string, muted: boolean): void;
  sendDtmf(id: string, tones: string): boolean;
  transfer(id: string, target: string): Promise<ActionResult>;
  transferTo(id: string, otherId: string): Promise<ActionResult>;
  clearTransfer(id: string): void;
  dismiss(id: string): void;
  select(id: string): void;
  refreshDevices(): Promise<void>;
  /** Asks for the microphone so the browser names its devices. */
  unlockDevices(): Promise<void>;
  chooseDevice(role: DeviceRole, deviceId: string): void;
}

let phone: Phone | undefined;
let stopDeviceWatch: (() => void) | undefined;

const NO_DEVICES: AvailableDevices = { microphones: [], speakers: [], labelled: false };
const notStarted: ActionResult = { ok: false, reason: 'The phone is not running.' };

/** The call the in-call panel shows: the chosen one while it lasts, else the one talking, else the newest. */
export function shownCall(calls: readonly CallInfo[], selectedId: string | undefined): CallInfo | undefined {
  const inCall = calls.filter((c) => c.state !== 'incoming');
  return (
    inCall.find((c) => c.id === selectedId) ??
    inCall.find((c) => c.state === 'active' || c.state === 'dialing' || c.state === 'ringing' || c.state === 'connecting') ??
    inCall.findLast((c) => c.state !== 'ended') ??
    inCall.at(-1)
  );
}

/** The app's phone for React: its registration, calls and audio devices, and the actions on them. */
export const usePhone = create<PhoneState>((set, get) => {
  function applyDevices() {
    const { available, choices } = get().devices;
    phone?.useDevices({
      microphone: resolveDevice(choices.microphone, available.microphones),
      speaker: resolveDevice(choices.speaker, available.speakers),
      ringer: resolveDevice(choices.ringer, available.speakers),
    });
  }

  return {
    registration: { state: 'idle' },
    calls: [],
    selectedId: undefined,
    devices: { status: 'idle', available: NO_DEVICES, choices: loadDeviceChoices(), error: undefined },

    start(options) {
      if (phone) return;
      const created = new Phone(options);
      phone = created;
      created.on('registration', (registration) => set({ registration }));
      created.on('calls', (calls) => set({ calls }));
      created.start();
      applyDevices();
      void get().refreshDevices();
      const onDeviceChange = () => void get().refreshDevices();
      navigator.mediaDevices?.addEventListener('devicechange', onDeviceChange);
      stopDeviceWatch = () => navigator.mediaDevices?.removeEventListener('devicechange', onDeviceChange);
    },

    async stop() {
      const current = phone;
      phone = undefined;
      stopDeviceWatch?.();
      stopDeviceWatch = undefined;
      await current?.stop();
      set({ registration: { state: 'idle' }, calls: [], selectedId: undefined });
    },

    retry: () => phone?.retryNow(),
    async call(input) {
      const result = (await phone?.call(input)) ?? notStarted;
      if (result.ok && 'id' in result) set({ selectedId: result.id });
      return result;
    },
    async answer(id) {
      set({ selectedId: id });
      await phone?.answer(id);
    },
    decline: (id) => phone?.decline(id),
    hangup: (id) => phone?.hangup(id),
    hold: async (id) => phone?.hold(id),
    async resume(id) {
      set({ selectedId: id });
      await phone?.resume(id);
    },
    setMuted: (id, muted) => phone?.setMuted(id, muted),
    sendDtmf: (id, tones) => phone?.sendDtmf(id, tones) ?? false,
    transfer: async (id, target) => (await phone?.transfer(id, target)) ?? notStarted,
    transferTo: async (id, otherId) => (await phone?.transferTo(id, otherId)) ?? notStarted,
    clearTransfer: (id) => phone?.clearTransfer(id),
    dismiss: (id) => phone?.dismiss(id),
    select: (id) => set({ selectedId: id }),

    async refreshDevices() {
      set((s) => ({ devices: { ...s.devices, status: s.devices.status === 'ready' ? 'ready' : 'loading', error: undefined } }));
      try {
        const available = await listDevices();
        set((s) => ({ devices: { ...s.devices, status: 'ready', available } }));
        applyDevices();
      } catch (error) {
        set((s) => ({ devices: { ...s.devices, status: 'error', error: error instanceof Error ? error.message : String(error) } }));
      }
    },

    async unlockDevices() {
      try {
        await unlockDeviceLabels();
      } catch (error) {
        set((s) => ({ devices: { ...s.devices, error: `The microphone was not allowed: ${error instanceof Error ? error.message : String(error)}` } }));
        return;
      }
      await get().refreshDevices();
    },

    chooseDevice(role, deviceId) {
      const { available, choices } = get().devices;
      const list = role === 'microphone' ? available.microphones : available.speakers;
      const label = list.find((d) => d.deviceId === deviceId)?.label ?? '';
      const next: DeviceChoices = { ...choices, [role]: { deviceId, label } };
      saveDeviceChoices(next);
      set((s) => ({ devices: { ...s.devices, choices: next } }));
      applyDevices();
    },
  };
});
