// Line icons for the phone's controls, drawn like ui/Icon (inline SVG paths,
// nothing loaded from outside the app).
const PATHS = {
  call: 'M6.6 3.5l2.5-.6 1.8 4.1-1.9 1.5a11 11 0 0 0 6.5 6.5l1.5-1.9 4.1 1.8-.6 2.5a2 2 0 0 1-2 1.6A16 16 0 0 1 5 5.5a2 2 0 0 1 1.6-2z',
  hangup: 'M3 14.5c5-4.6 13-4.6 18 0l-1.4 2.7-4.2-1.1-.4-2.4a9 9 0 0 0-6 0l-.4 2.4-4.2 1.1L3 14.5z',
  mic: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3',
  micOff: 'M9 9v3a3 3 0 0 0 5.1 2.1M15 10V6a3 3 0 0 0-5.7-1.3M5 11a7 7 0 0 0 11.4 5.4M19 11a7 7 0 0 1-.6 2.8M12 18v3M3 3l18 18',
  hold: 'M9 5v14M15 5v14',
  resume: 'M7 4.5v15l12-7.5-12-7.5z',
  keypad: 'M6 5h.01M12 5h.01M18 5h.01M6 11h.01M12 11h.01M18 11h.01M6 17h.01M12 17h.01M18 17h.01M12 21h.01',
  transfer: 'M4 8h13M13 4l4 4-4 4M20 16H7M11 12l-4 4 4 4',
  swap: 'M7 4v16M3 8l4-4 4 4M17 20V4M13 16l4 4 4-4',
  close: 'M6 6l12 12M18 6L6 18',
  incoming: 'M17 7L7 17M7 9v8h8',
  outgoing: 'M7 17L17 7M9 7h8v8',
} as const;

export type PhoneIconName = keyof typeof PATHS;

export function PhoneIcon({ name, size = 20 }: { name: PhoneIconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={PATHS[name]} />
    </svg>
  );
}
