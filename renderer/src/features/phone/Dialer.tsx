import { useId, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import { selectHomeCountry, useSettings } from '../../state/settings-store';
import { Icon } from '../../ui/Icon';
import { DialPad } from './DialPad';
import { formatDialString } from './format-number';
import { searchPeople, type Person, type PersonMatch } from './people-search';
import { optionId, SearchResults } from './SearchResults';

export interface DialerProps {
  dial: string;
  setDial: (update: (dial: string) => string) => void;
  people: readonly Person[];
  inputRef: RefObject<HTMLInputElement | null>;
  /** Places a call; resolves with why it could not, or undefined. */
  onCall: (target: string) => Promise<string | undefined>;
  /** Escape on an empty dialer: hang up the call shown, if any. */
  onEscapeEmpty: () => void;
  /** Why calls cannot be placed now, or undefined when they can. */
  unavailable: string | undefined;
}

/**
 * The number field with search as you type over extensions and contacts
 * (↑/↓ to pick, Enter to call), the dial pad, and the Call button. The field
 * is a combobox: focus stays in it while the list is driven.
 */
export function Dialer({ dial, setDial, people, inputRef, onCall, onEscapeEmpty, unavailable }: DialerProps) {
  const homeCountry = useSettings(selectHomeCountry);
  const formatted = formatDialString(dial, homeCountry);
  const matches = useMemo(() => searchPeople(dial, people), [dial, people]);
  const [active, setActive] = useState(-1);
  const [problem, setProblem] = useState<string | undefined>();
  const listId = useId();
  const shownActive = active < matches.length ? active : -1;

  function edit(update: (dial: string) => string) {
    setDial(update);
    setActive(-1);
    setProblem(undefined);
  }

  async function place(target: string) {
    if (target.trim() === '') return;
    const why = await onCall(target);
    setProblem(why);
    if (!why) edit(() => '');
  }

  const pick = (match: PersonMatch) => void place(match.person.number);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && matches.length > 0) {
      event.preventDefault();
      setActive((a) => (a + 1) % matches.length);
    } else if (event.key === 'ArrowUp' && matches.length > 0) {
      event.preventDefault();
      setActive((a) => (a <= 0 ? matches.length - 1 : a - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = matches[shownActive];
      void place(chosen ? chosen.person.number : dial);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (shownActive >= 0) setActive(-1);
      else if (dial !== '') edit(() => '');
      else onEscapeEmpty();
    }
  }

  return (
    <div className="card dialer">
      <div className="dial-field">
        <label className="sr-only" htmlFor="dial-input">
          Number, extension or SIP address
        </label>
        <input
          ref={inputRef}
          id="dial-input"
          className="dial-input"
          value={dial}
          placeholder="Name, number or sip:address"
          autoComplete="off"
          spellCheck={false}
          inputMode="tel"
          role="combobox"
          aria-expanded={matches.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={shownActive >= 0 ? optionId(listId, shownActive) : undefined}
          onChange={(e) => edit(() => e.target.value)}
          onKeyDown={onKeyDown}
        />
        {matches.length > 0 && <SearchResults id={listId} matches={matches} active={shownActive} onPick={pick} onHover={setActive} />}
      </div>
      <p className="dial-preview" data-testid="dial-preview" aria-live="polite">
        {formatted.kind === 'phone' && (formatted.e164 ? `${formatted.display} · ${formatted.e164}` : formatted.display)}
        {formatted.kind === 'extension' && `Extension ${formatted.display}`}
        {formatted.kind === 'sip-uri' && `SIP address ${formatted.display}`}
        {formatted.kind === 'empty' && 'Type or tap a number, or search by name.'}
      </p>
      <DialPad onKey={(key) => edit((d) => d + key)} />
      <div className="dialer-actions">
        <span className="dialer-spacer" />
        <button
          type="button"
          className="round-button answer call-button"
          onClick={() => void place(dial)}
          disabled={dial.trim() === '' || unavailable !== undefined}
          aria-label="Call"
          title={unavailable}
        >
          <Icon name="phone" size={24} />
        </button>
        <button type="button" className="icon-button" onClick={() => edit((d) => d.slice(0, -1))} disabled={dial === ''} aria-label="Delete last digit">
          <Icon name="backspace" />
        </button>
      </div>
      {(problem ?? unavailable) && (
        <p className={problem ? 'error dial-problem' : 'hint dial-problem'} role={problem ? 'alert' : undefined}>
          {problem ?? unavailable}
        </p>
      )}
    </div>
  );
}
