import { useMemo, useState, type FormEvent } from 'react';
import type { CallInfo } from '../../phone/phone-types';
import { usePhone } from '../../state/phone-store';
import { selectHomeCountry, useSettings } from '../../state/settings-store';
import { partyLabel } from './party-label';
import { searchPeople, type Person } from './people-search';

/**
 * Transfer the shown call: blind, to a number or a person found by name; or
 * attended, to the party of another connected call (REFER with Replaces).
 * The PBX's answers are shown as they come.
 */
export function TransferPanel({ call, others, people, onClose }: { call: CallInfo; others: readonly CallInfo[]; people: readonly Person[]; onClose: () => void }) {
  const transfer = usePhone((s) => s.transfer);
  const transferTo = usePhone((s) => s.transferTo);
  const clearTransfer = usePhone((s) => s.clearTransfer);
  const homeCountry = useSettings(selectHomeCountry);
  const [target, setTarget] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const matches = useMemo(() => searchPeople(target, people, 4), [target, people]);
  const joinable = others.filter((c) => c.state === 'active' || c.state === 'held');
  const progress = call.transfer;
  const underWay = progress !== undefined && progress.state !== 'failed';

  async function blind(event?: FormEvent, number = target) {
    event?.preventDefault();
    if (number.trim() === '') return;
    const result = await transfer(call.id, number);
    setProblem(result.ok ? undefined : result.reason);
  }

  async function attended(other: CallInfo) {
    const result = await transferTo(call.id, other.id);
    setProblem(result.ok ? undefined : result.reason);
  }

  return (
    <section className="transfer-panel" aria-label="Transfer">
      <form className="transfer-form" onSubmit={(e) => void blind(e)}>
        <label htmlFor="transfer-target">Transfer to</label>
        <div className="transfer-row">
          <input
            id="transfer-target"
            value={target}
            autoComplete="off"
            placeholder="Name, number or sip:address"
            onChange={(e) => setTarget(e.target.value)}
            disabled={underWay}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                onClose();
              }
            }}
            // Opened on purpose: the person types the target next.
            autoFocus
          />
          <button type="submit" className="primary" disabled={underWay || target.trim() === ''}>
            Transfer
          </button>
        </div>
        {matches.length > 0 && !underWay && (
          <ul className="transfer-matches" aria-label="Matching people">
            {matches.map((m) => (
              <li key={m.person.key}>
                <button type="button" onClick={() => void blind(undefined, m.person.number)}>
                  Transfer to {m.person.name || m.person.number} <span className="muted">{m.person.name && m.person.number}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </form>
      {joinable.length > 0 && !underWay && (
        <div className="transfer-attended">
          <p className="hint">Or connect this call with another one (attended transfer):</p>
          {joinable.map((other) => {
            const label = partyLabel(other.remote, people, homeCountry);
            return (
              <button key={other.id} type="button" onClick={() => void attended(other)}>
                Connect with {label.who}
              </button>
            );
          })}
        </div>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {progress && (
        <div className={`transfer-progress transfer-${progress.state}`} role="status" data-testid="transfer-progress">
          <span>{progress.detail}</span>
          {progress.state === 'failed' && (
            <button type="button" className="link-button" onClick={() => clearTransfer(call.id)}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </section>
  );
}
