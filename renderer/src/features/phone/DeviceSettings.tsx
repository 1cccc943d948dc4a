import { useEffect, useState } from 'react';
import { canChooseSpeaker, resolveDevice, type DeviceRole } from '../../phone/audio-devices';
import { notificationsSupported } from '../../phone/incoming-notification';
import { usePhone } from '../../state/phone-store';
import { LoadState } from '../../ui/LoadState';

const ROLES: { role: DeviceRole; label: string; hint: string }[] = [
  { role: 'microphone', label: 'Microphone', hint: 'What the people you call hear.' },
  { role: 'speaker', label: 'Speaker', hint: 'Where you hear calls, ringback and key tones.' },
  { role: 'ringer', label: 'Ringer', hint: 'Where incoming calls ring: a loudspeaker, while calls stay in your headset.' },
];

/** Which microphone, speaker and ringer this computer uses; remembered in this browser. */
export function DeviceSettings() {
  const devices = usePhone((s) => s.devices);
  const { refreshDevices, unlockDevices, chooseDevice } = usePhone.getState();
  const [permission, setPermission] = useState(() => (notificationsSupported() ? Notification.permission : 'denied'));

  // The phone lists devices when it starts; without a phone (no extension), list them here.
  useEffect(() => {
    if (usePhone.getState().devices.status === 'idle') void refreshDevices();
  }, [refreshDevices]);

  return (
    <section className="card form device-settings" aria-labelledby="devices-title">
      <h2 id="devices-title">Audio devices on this computer</h2>
      <LoadState status={devices.status} error={devices.error} onRetry={() => void refreshDevices()} what="audio devices">
        {!devices.available.labelled && (
          <div className="notice device-unlock">
            <p>The browser names your devices once the microphone is allowed.</p>
            <button type="button" onClick={() => void unlockDevices()}>
              Allow the microphone
            </button>
          </div>
        )}
        <fieldset>
          {ROLES.map(({ role, label, hint }) => {
            const list = role === 'microphone' ? devices.available.microphones : devices.available.speakers;
            const remembered = devices.choices[role];
            const inUse = resolveDevice(remembered, list);
            const missing = remembered && remembered.deviceId !== '' && inUse === '' ? remembered.label || 'the chosen device' : undefined;
            const choosable = role === 'microphone' || canChooseSpeaker();
            return (
              <div key={role} className="field">
                <label htmlFor={`device-${role}`}>{label}</label>
                <select
                  id={`device-${role}`}
                  value={inUse}
                  onChange={(e) => chooseDevice(role, e.target.value)}
                  disabled={!choosable}
                  aria-describedby={`device-${role}-hint${missing ? ` device-${role}-missing` : ''}`}
                >
                  <option value="">System default</option>
                  {list
                    .filter((d) => d.deviceId !== 'default' && d.deviceId !== '')
                    .map((d, index) => (
                      <option key={d.deviceId} value={d.deviceId}>
                        {d.label || `${label} ${index + 1}`}
                      </option>
                    ))}
                </select>
                <small id={`device-${role}-hint`}>{choosable ? hint : 'This browser always uses the system default here.'}</small>
                {missing && (
                  <small id={`device-${role}-missing`} className="error">
                    {missing} is not connected: using the system default until it is back.
                  </small>
                )}
              </div>
            );
          })}
        </fieldset>
        {devices.error && devices.status === 'ready' && (
          <p className="error" role="alert">
            {devices.error}
          </p>
        )}
      </LoadState>
      {notificationsSupported() && (
        <div className="notification-setting">
          <p>
            Incoming calls while Dialtone is in the background:{' '}
            <strong>{permission === 'granted' ? 'shown as notifications' : permission === 'denied' ? 'blocked in the browser settings' : 'not shown yet'}</strong>
          </p>
          {permission === 'default' && (
            <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
              Show notifications
            </button>
          )}
        </div>
      )}
    </section>
  );
}
