import type { CallInfo } from './phone-types';

export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

/** Whether a person would miss the ringing window: another tab, another window, minimised. */
function appInBackground(): boolean {
  return document.visibilityState === 'hidden' || !document.hasFocus();
}

/**
 * A system notification for an incoming call while the app is in the
 * background (Notification API; Electron shows it as a native one). Clicking
 * it brings the app forward on the Phone view. Returns the close function.
 */
export function notifyIncomingCall(call: CallInfo, callerName: string): () => void {
  if (!notificationsSupported() || Notification.permission !== 'granted' || !appInBackground()) return () => undefined;
  const title = callerName ? `Call from ${callerName}` : `Call from ${call.remote.number}`;
  const notification = new Notification(title, {
    body: callerName ? call.remote.number : 'Incoming call',
    tag: `dialtone-call-${call.id}`,
    requireInteraction: true,
    // The ringtone is ours; the notification stays quiet.
    silent: true,
  });
  notification.onclick = () => {
    window.focus();
    location.hash = '#/phone';
    notification.close();
  };
  return () => notification.close();
}
