import { useEffect, useRef, useState } from 'react';

export interface Secret {
  /** What the secret belongs to, e.g. "1001". */
  label: string;
  value: string;
}

/** One secret in a read-only input (selectable by hand) with a Copy button. */
function SecretValue({ secret, autoFocus }: { secret: Secret; autoFocus: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'manual'>('idle');

  useEffect(() => {
    if (copy !== 'copied') return;
    const timer = setTimeout(() => setCopy('idle'), 2000);
    return () => clearTimeout(timer);
  }, [copy]);

  async function copyToClipboard() {
    try {
      await navigator.clipboard.writeText(secret.value);
      setCopy('copied');
    } catch {
      // No clipboard outside a secure context (plain http to a LAN address): let the person copy it.
      input.current?.select();
      setCopy('manual');
    }
  }

  return (
    <div className="secret-row">
      <label className="secret-label">
        Password for {secret.label}
        <input
          ref={input}
          className="secret-value"
          readOnly
          value={secret.value}
          spellCheck={false}
          autoFocus={autoFocus}
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      <button type="button" onClick={() => void copyToClipboard()} aria-label={`Copy the password for ${secret.label}`}>
        {copy === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span className="hint" role="status" aria-live="polite">
        {copy === 'manual' ? 'Press Ctrl+C (⌘C) to copy.' : ''}
      </span>
    </div>
  );
}

/**
 * Passwords the engine generated, shown this once: the engine keeps only
 * digest hashes of them, and the renderer keeps them only in this component's
 * props, so dismissing it forgets them.
 */
export function OneTimeSecrets({ secrets, onDismiss }: { secrets: Secret[]; onDismiss: () => void }) {
  const one = secrets.length === 1;
  return (
    <section className="secrets" aria-labelledby="secrets-title" data-testid="one-time-secrets">
      <h3 id="secrets-title">{one ? 'Generated password' : `${secrets.length} generated passwords`}</h3>
      <p className="secrets-warning">
        {one ? 'This password is' : 'These passwords are'} shown only now: you will not see {one ? 'it' : 'them'} again. Copy{' '}
        {one ? 'it' : 'them'} into the phone or a password manager before you close this.
      </p>
      <div className="secrets-list">
        {secrets.map((secret, index) => (
          // The list only grows until it is dismissed, so the index is a stable key (a number may repeat: removed and added again).
          <SecretValue key={index} secret={secret} autoFocus={index === 0} />
        ))}
      </div>
      <button type="button" className="primary" onClick={onDismiss}>
        I have saved {one ? 'it' : 'them'}
      </button>
    </section>
  );
}
