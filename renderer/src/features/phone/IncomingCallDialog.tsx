import { useEffect, useId, useRef } from 'react';
import type { CallInfo } from '../../phone/phone-types';
import { usePhone } from '../../state/phone-store';
import { selectHomeCountry, useSettings } from '../../state/settings-store';
import { Icon } from '../../ui/Icon';
import type { Person } from './people-search';
import { initialsOf, partyLabel } from './party-label';

/** Answers, and shows the call's controls on the Phone view. */
function answerAndShow(answer: (id: string) => Promise<void>, id: string): void {
  if (!location.hash.startsWith('#/phone')) location.hash = '#/phone';
  void answer(id);
}

/**
 * A call ringing here, over whatever view is open: who calls (by name when
 * the directory or the contacts know the number), Answer and Decline.
 * Enter answers, Escape declines; focus starts on Answer and stays in the dialog.
 */
export function IncomingCallDialog({ call, people }: { call: CallInfo; people: readonly Person[] }) {
  const answer = usePhone((s) => s.answer);
  const decline = usePhone((s) => s.decline);
  const inAnotherCall = usePhone((s) => s.calls.some((c) => c.id !== call.id && c.state !== 'ended' && c.state !== 'incoming'));
  const homeCountry = useSettings(selectHomeCountry);
  const party = partyLabel(call.remote, people, homeCountry);
  const titleId = useId();
  const answerButton = useRef<HTMLButtonElement>(null);
  const declineButton = useRef<HTMLButtonElement>(null);
  const { who } = party;

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const title = document.title;
    answerButton.current?.focus();
    document.title = `Call from ${who} — Dialtone`;
    return () => {
      document.title = title;
      if (before?.isConnected) before.focus();
    };
    // The dialog lives for one call (keyed by its id): set up once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        decline(call.id);
      } else if (event.key === 'Enter' && document.activeElement !== declineButton.current) {
        event.preventDefault();
        answerAndShow(answer, call.id);
      } else if (event.key === 'Tab') {
        // Two buttons: Tab goes from one to the other and never leaves the dialog.
        event.preventDefault();
        (document.activeElement === answerButton.current ? declineButton : answerButton).current?.focus();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [answer, decline, call.id]);

  return (
    <div className="incoming-backdrop">
      <div className="incoming card" role="alertdialog" aria-modal="true" aria-labelledby={titleId} data-testid="incoming-call">
        <div className="incoming-ring" aria-hidden="true">
          <span className="avatar avatar-large">{initialsOf(party)}</span>
        </div>
        <p className="incoming-kind">{inAnotherCall ? 'Another call is waiting' : 'Incoming call'}</p>
        <h2 id={titleId} className="incoming-name" data-testid="incoming-caller">
          {who}
        </h2>
        {party.name && <p className="incoming-number">{party.number}</p>}
        <div className="incoming-actions">
          <button ref={declineButton} type="button" className="round-button decline" onClick={() => decline(call.id)}>
            <Icon name="hangup" size={26} />
            <span>Decline</span>
            <kbd>Esc</kbd>
          </button>
          <button ref={answerButton} type="button" className="round-button answer" onClick={() => answerAndShow(answer, call.id)}>
            <Icon name="phone" size={26} />
            <span>{inAnotherCall ? 'Hold & answer' : 'Answer'}</span>
            <kbd>Enter</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
