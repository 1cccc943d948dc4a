import { useCallback, useEffect, useRef, useState } from 'react';
import { readHashQuery } from '../../app/use-hash-route';
import { useEngine } from '../../state/engine-store';
import { shownCall, usePhone } from '../../state/phone-store';
import { ViewHeader } from '../../ui/ViewHeader';
import { CallList } from './CallList';
import { CallPanel } from './CallPanel';
import { Dialer } from './Dialer';
import { RecentCalls } from './RecentCalls';
import { RegistrationBadge } from './RegistrationBadge';
import { usePeople } from './use-people';

const DIAL_KEYS = /^[0-9*#+]$/;

/** Keys typed anywhere in the view, unless a field, a button or a dialog takes them. */
function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function PhoneView() {
  const people = usePeople();
  const registration = usePhone((s) => s.registration);
  const calls = usePhone((s) => s.calls);
  const selectedId = usePhone((s) => s.selectedId);
  const user = useEngine((s) => (s.session.status === 'signed-in' ? s.session.user : undefined));
  // A link such as History's "Call" opens #/phone?dial=NUMBER with the number filled in.
  const [dial, setDial] = useState(() => readHashQuery().get('dial') ?? '');
  const [keypad, setKeypad] = useState<{ callId: string; sent: string } | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const shown = shownCall(calls, selectedId);
  const inCall = calls.filter((c) => c.state !== 'incoming');
  const keypadOpen = keypad !== undefined && keypad.callId === shown?.id;
  const me = registration.state === 'registered' ? registration.extension : user?.role === 'user' ? user.username : undefined;
  const unavailable = registration.state === 'registered' ? undefined : registration.state === 'failed' ? registration.reason : 'The phone is not connected yet.';

  // Once read, the number leaves the address, so a reload does not fill it in again.
  useEffect(() => {
    if (readHashQuery().has('dial')) history.replaceState(null, '', '#/phone');
  }, []);

  const placeCall = useCallback(async (target: string): Promise<string | undefined> => {
    const result = await usePhone.getState().call(target);
    return result.ok ? undefined : result.reason;
  }, []);

  const sendKey = useCallback(
    (key: string) => {
      if (!shown || !usePhone.getState().sendDtmf(shown.id, key)) return;
      setKeypad((k) => ({ callId: shown.id, sent: (k?.callId === shown.id ? k.sent + key : key).slice(-24) }));
    },
    [shown],
  );

  const hangUpShown = useCallback(() => {
    if (shown && shown.state !== 'ended') usePhone.getState().hangup(shown.id);
  }, [shown]);

  // Keyboard dialling from anywhere in the view: digits, * and # dial (or go to the call when its keypad is open),
  // Backspace deletes, Enter calls, Escape clears and then hangs up.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || ownsKeys(event.target)) return;
      if (DIAL_KEYS.test(event.key)) {
        event.preventDefault();
        if (keypadOpen) return sendKey(event.key);
        setDial((d) => d + event.key);
        input.current?.focus();
      } else if (event.key === 'Backspace') {
        event.preventDefault();
        setDial((d) => d.slice(0, -1));
      } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement) && dial.trim() !== '') {
        event.preventDefault();
        void placeCall(dial).then((problem) => problem === undefined && setDial(''));
      } else if (event.key === 'Escape') {
        event.preventDefault();
        if (dial !== '') setDial('');
        else hangUpShown();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dial, keypadOpen, sendKey, placeCall, hangUpShown]);

  return (
    <section className="view view-wide">
      <ViewHeader title="Phone">
        <RegistrationBadge />
      </ViewHeader>
      <div className="phone">
        <Dialer dial={dial} setDial={setDial} people={people} inputRef={input} onCall={placeCall} onEscapeEmpty={hangUpShown} unavailable={unavailable} />
        <div className="phone-side">
          {shown && (
            <CallPanel
              key={shown.id}
              call={shown}
              others={inCall.filter((c) => c.id !== shown.id)}
              people={people}
              keypadOpen={keypadOpen}
              onKeypad={(open) => setKeypad(open ? { callId: shown.id, sent: '' } : undefined)}
              dtmfSent={keypadOpen ? keypad.sent : ''}
              onDtmf={sendKey}
            />
          )}
          {inCall.length > 1 && <CallList calls={inCall} shownId={shown?.id} people={people} />}
          {me && (
            <RecentCalls
              me={me}
              people={people}
              // A call back that cannot go out now leaves the number in the dialer, where the reason shows.
              onCall={(number) => void placeCall(number).then((problem) => problem !== undefined && setDial(number))}
            />
          )}
        </div>
      </div>
    </section>
  );
}
