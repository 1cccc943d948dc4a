import { useState } from 'react';
import type { CallInfo } from '../../phone/phone-types';
import { usePhone } from '../../state/phone-store';
import { selectHomeCountry, useSettings } from '../../state/settings-store';
import { Icon, type IconName } from '../../ui/Icon';
import { CallTimer } from './CallTimer';
import { callStateWords } from './call-words';
import { DialPad } from './DialPad';
import { initialsOf, partyLabel } from './party-label';
import type { Person } from './people-search';
import { TransferPanel } from './TransferPanel';

function ControlButton({
  icon,
  label,
  pressed,
  disabled,
  onClick,
  tone,
}: {
  icon: IconName;
  label: string;
  pressed?: boolean | undefined;
  disabled?: boolean;
  onClick: () => void;
  tone?: 'danger';
}) {
  return (
    <button type="button" className={`control${tone ? ` control-${tone}` : ''}`} aria-pressed={pressed} disabled={disabled} onClick={onClick}>
      <Icon name={icon} size={22} />
      <span>{label}</span>
    </button>
  );
}

/**
 * The call shown large: who, how it stands, the talk time, and its controls
 * (mute, hold, keypad for DTMF, transfer, hang up).
 */
export function CallPanel({
  call,
  others,
  people,
  keypadOpen,
  onKeypad,
  dtmfSent,
  onDtmf,
}: {
  call: CallInfo;
  others: readonly CallInfo[];
  people: readonly Person[];
  keypadOpen: boolean;
  onKeypad: (open: boolean) => void;
  /** The keys sent to this call so far. */
  dtmfSent: string;
  onDtmf: (key: string) => void;
}) {
  const { setMuted, hold, resume, hangup, dismiss } = usePhone.getState();
  const homeCountry = useSettings(selectHomeCountry);
  const [transferOpen, setTransferOpen] = useState(false);
  const party = partyLabel(call.remote, people, homeCountry);
  const established = call.state === 'active' || call.state === 'held';
  const held = call.state === 'held';
  const ended = call.state === 'ended';

  return (
    <section className={`card call-panel call-panel-${call.state}`} aria-label={`Call with ${party.who}`} data-testid="call-panel">
      <div className="call-party">
        <span className="avatar">{initialsOf(party)}</span>
        <div className="call-who">
          <h2 className="call-name" data-testid="call-name">
            {party.who}
          </h2>
          {party.name && <p className="call-number">{party.number}</p>}
        </div>
        <CallTimer call={call} />
        <p className="call-state-words" data-testid="call-state" role="status" aria-live="polite">
          <Icon name={call.direction === 'incoming' ? 'incoming' : 'outgoing'} size={14} />
          <span>
            {callStateWords(call)}
            {call.holdPending && (held ? ' · resuming…' : ' · holding…')}
          </span>
        </p>
      </div>

      {call.problem && (
        <p className="error" role="alert" data-testid="call-problem">
          {call.problem}
        </p>
      )}

      {ended ? (
        <div className="call-ended-actions">
          <button type="button" onClick={() => dismiss(call.id)}>
            Close
          </button>
        </div>
      ) : (
        <div className="controls" role="group" aria-label="Call controls">
          <ControlButton icon={call.muted ? 'micOff' : 'mic'} label={call.muted ? 'Unmute' : 'Mute'} pressed={call.muted} disabled={!established} onClick={() => setMuted(call.id, !call.muted)} />
          <ControlButton
            icon={held ? 'resume' : 'hold'}
            label={held ? 'Resume' : 'Hold'}
            pressed={held}
            disabled={!established || call.holdPending}
            onClick={() => void (held ? resume(call.id) : hold(call.id))}
          />
          <ControlButton icon="keypad" label="Keypad" pressed={keypadOpen} disabled={call.state !== 'active'} onClick={() => onKeypad(!keypadOpen)} />
          <ControlButton icon="transfer" label="Transfer" pressed={transferOpen} disabled={!established} onClick={() => setTransferOpen((o) => !o)} />
          <ControlButton icon="hangup" label={established ? 'Hang up' : 'Cancel'} tone="danger" onClick={() => hangup(call.id)} />
        </div>
      )}

      {keypadOpen && call.state === 'active' && (
        <div className="dtmf">
          <p className="dtmf-sent" aria-live="polite" data-testid="dtmf-sent">
            {dtmfSent ? `Sent ${dtmfSent}` : 'Keys you press are sent to the call (menus, PINs).'}
          </p>
          <DialPad onKey={onDtmf} label="Keypad" />
        </div>
      )}

      {transferOpen && established && <TransferPanel call={call} others={others} people={people} onClose={() => setTransferOpen(false)} />}
    </section>
  );
}
