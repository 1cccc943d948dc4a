import { useEffect, useState } from 'react';
import { readHashQuery } from '../../app/use-hash-route';
import { useSettings } from '../../state/settings-store';
import { Icon } from '../../ui/Icon';
import { ViewHeader } from '../../ui/ViewHeader';
import { DialPad } from './DialPad';
import { formatDialString } from './format-number';

export function PhoneView() {
  const homeCountry = useSettings((s) => s.settings?.homeCountry ?? 'US');
  // A link such as History's "Call" opens #/phone?dial=NUMBER with the number filled in.
  const [dial, setDial] = useState(() => readHashQuery().get('dial') ?? '');
  const formatted = formatDialString(dial, homeCountry);

  // Once read, the number leaves the address, so a reload does not fill it in again.
  useEffect(() => {
    if (readHashQuery().has('dial')) history.replaceState(null, '', '#/phone');
  }, []);

  return (
    <section className="view">
      <ViewHeader title="Phone" />
      <div className="phone">
        <div className="card dialer">
          <label className="sr-only" htmlFor="dial-input">
            Number, extension or SIP address
          </label>
          <input
            id="dial-input"
            className="dial-input"
            value={dial}
            placeholder="Number, extension or sip:address"
            autoComplete="off"
            inputMode="tel"
            onChange={(e) => setDial(e.target.value)}
          />
          <p className="dial-preview" data-testid="dial-preview" aria-live="polite">
            {formatted.kind === 'phone' && (formatted.e164 ? `${formatted.display} · ${formatted.e164}` : formatted.display)}
            {formatted.kind === 'extension' && `Extension ${formatted.display}`}
            {formatted.kind === 'sip-uri' && `SIP address ${formatted.display}`}
            {formatted.kind === 'empty' && 'Type or tap a number.'}
          </p>
          <DialPad onKey={(key) => setDial((d) => d + key)} />
          <div className="dialer-actions">
            <button type="button" onClick={() => setDial((d) => d.slice(0, -1))} disabled={dial === ''} aria-label="Delete last digit">
              <Icon name="backspace" />
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}
