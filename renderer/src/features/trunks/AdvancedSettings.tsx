import { useState } from 'react';
import { CALLER_ID_MODES, DTMF_MODES } from '../../../../shared/trunks';
import { Field } from '../../ui/Field';
import { TextField } from '../../ui/TextField';
import { SETTING_KEYS, type SettingValues } from './trunk-form-values';

const DTMF_NAMES: Record<SettingValues['dtmfMode'], string> = {
  rfc4733: 'RFC 4733 events in the audio stream (most providers)',
  info: 'SIP INFO messages',
  inband: 'Tones in the audio itself',
};
const CALLER_ID_NAMES: Record<SettingValues['callerIdMode'], string> = {
  from: 'In the From header (most providers)',
  pai: 'In P-Asserted-Identity',
  rpid: 'In Remote-Party-ID (older equipment)',
};

/** A choice of one mode, each named in words. */
function ModeField<M extends string>({
  label,
  name,
  modes,
  names,
  value,
  error,
  onChange,
}: {
  label: string;
  name: string;
  modes: readonly M[];
  names: Record<M, string>;
  value: M;
  error: string | undefined;
  onChange: (mode: M) => void;
}) {
  return (
    <Field label={label} error={error}>
      {(control) => (
        <select {...control} name={name} value={value} onChange={(e) => onChange(e.target.value as M)}>
          {modes.map((mode) => (
            <option key={mode} value={mode}>
              {names[mode]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * The settings most trunks never need changed, folded away; they start at the
 * template's values. The fold opens by itself when one of them has an error.
 */
export function AdvancedSettings({
  values,
  errors,
  canRegister,
  onChange,
}: {
  values: SettingValues;
  errors: Record<string, string>;
  /** False for IP-authenticated trunks: there is nothing to register with. */
  canRegister: boolean;
  onChange: (patch: Partial<SettingValues>) => void;
}) {
  const hasError = SETTING_KEYS.some((key) => errors[key]);
  const [opened, setOpened] = useState(false);
  return (
    <details className="advanced" open={opened || hasError} onToggle={(e) => setOpened(e.currentTarget.open)}>
      <summary>Advanced settings</summary>
      <div className="advanced-fields">
        <TextField
          label="Codecs"
          name="codecs"
          value={values.codecs}
          spellCheck={false}
          onChange={(e) => onChange({ codecs: e.target.value })}
          hint="In order of preference, separated by commas, e.g. PCMU, PCMA, G722."
          error={errors.codecs}
        />
        <ModeField
          label="DTMF (keypad tones)"
          name="dtmfMode"
          modes={DTMF_MODES}
          names={DTMF_NAMES}
          value={values.dtmfMode}
          error={errors.dtmfMode}
          onChange={(dtmfMode) => onChange({ dtmfMode })}
        />
        <ModeField
          label="Caller ID sent"
          name="callerIdMode"
          modes={CALLER_ID_MODES}
          names={CALLER_ID_NAMES}
          value={values.callerIdMode}
          error={errors.callerIdMode}
          onChange={(callerIdMode) => onChange({ callerIdMode })}
        />
        {canRegister && (
          <>
            <label className="check">
              <input type="checkbox" name="register" checked={values.register} onChange={(e) => onChange({ register: e.target.checked })} />
              Register with the provider
            </label>
            <TextField
              label="Registration interval (seconds)"
              name="registrationExpires"
              inputMode="numeric"
              value={values.registrationExpires}
              disabled={!values.register}
              onChange={(e) => onChange({ registrationExpires: e.target.value })}
              hint="How long each registration asks to last; it is renewed before it runs out."
              error={errors.registrationExpires ?? errors.register}
            />
          </>
        )}
        <label className="check">
          <input type="checkbox" name="qualify" checked={values.qualify} onChange={(e) => onChange({ qualify: e.target.checked })} />
          Check that the provider answers (OPTIONS)
        </label>
        <TextField
          label="Check every (seconds)"
          name="qualifyIntervalSeconds"
          inputMode="numeric"
          value={values.qualifyIntervalSeconds}
          disabled={!values.qualify}
          onChange={(e) => onChange({ qualifyIntervalSeconds: e.target.value })}
          error={errors.qualifyIntervalSeconds ?? errors.qualify}
        />
        <TextField
          label="Calls at once"
          name="maxChannels"
          inputMode="numeric"
          value={values.maxChannels}
          onChange={(e) => onChange({ maxChannels: e.target.value })}
          hint="The most calls this trunk carries at the same time; 0 means no limit."
          error={errors.maxChannels}
        />
      </div>
    </details>
  );
}
