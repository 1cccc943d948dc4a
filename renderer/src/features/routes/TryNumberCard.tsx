import { useEffect, useState, type FormEvent } from 'react';
import type { ExtensionSummary } from '../../../../shared/extensions';
import type { RouteDecision } from '../../../../shared/routing';
import { useEngine } from '../../state/engine-store';
import { errorDetails } from '../../ui/error-details';
import { Field } from '../../ui/Field';
import { TextField } from '../../ui/TextField';
import { RouteDecisionView } from './RouteDecisionView';
import type { RoutingSetup } from './routes-store';

type Result = { kind: 'idle' } | { kind: 'trying' } | { kind: 'done'; decision: RouteDecision; asked: Query } | { kind: 'failed'; message: string };
interface Query {
  from: string;
  dialled: string;
}

/**
 * "Try a number": what a call from an extension to a number would do, and
 * why, without placing it. The answer follows the setup: when a route or the
 * policy changes, the last number is tried again.
 */
export function TryNumberCard({ extensions, setup }: { extensions: readonly ExtensionSummary[]; setup: RoutingSetup }) {
  const client = useEngine((s) => s.client);
  const [from, setFrom] = useState('');
  const [dialled, setDialled] = useState('');
  const [asked, setAsked] = useState<Query | undefined>();
  const [result, setResult] = useState<Result>({ kind: 'idle' });
  const caller = extensions.some((e) => e.number === from) ? from : (extensions[0]?.number ?? '');

  // Tried when asked, and again whenever the routes or the policy change.
  useEffect(() => {
    if (!client || !asked) return;
    let current = true;
    client.call('routes.simulate', asked).then(
      (decision) => current && setResult({ kind: 'done', decision, asked }),
      (error: unknown) => current && setResult({ kind: 'failed', message: errorDetails(error).message }),
    );
    return () => {
      current = false;
    };
  }, [client, asked, setup]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setResult({ kind: 'trying' });
    setAsked({ from: caller, dialled: dialled.trim() });
  }

  return (
    <section className="card try-card" aria-labelledby="try-title">
      <h2 id="try-title">Try a number</h2>
      <p className="hint card-intro">See what a call would do, and why, without placing it.</p>
      <form className="try-form" onSubmit={submit} aria-labelledby="try-title">
        <Field label="From">
          {(control) => (
            <select {...control} name="from" value={caller} onChange={(e) => setFrom(e.target.value)} disabled={extensions.length === 0}>
              {extensions.length === 0 && <option value="">No extensions yet</option>}
              {extensions.map((e) => (
                <option key={e.number} value={e.number}>
                  {e.number}
                  {e.name ? ` (${e.name})` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField label="Number dialled" name="dialled" type="tel" autoComplete="off" placeholder="e.g. 4155550123 or 011 44 20 7946 0958" value={dialled} onChange={(e) => setDialled(e.target.value)} />
        <button type="submit" className="primary" disabled={!caller || dialled.trim() === ''}>
          {result.kind === 'trying' ? 'Trying…' : 'Try'}
        </button>
      </form>
      <div aria-live="polite">
        {result.kind === 'failed' && <p className="error">{result.message}</p>}
        {result.kind === 'done' && (
          <>
            <p className="hint try-asked">
              From {result.asked.from}, dialling <code>{result.asked.dialled}</code>:
            </p>
            <RouteDecisionView decision={result.decision} />
          </>
        )}
      </div>
    </section>
  );
}
