import type { ChannelOutput } from '../../../../shared/contract';

export type TestState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; result: ChannelOutput<'trunks.test'> }
  | { kind: 'failed'; message: string };

/**
 * A trunk test as a checklist: each step the engine took, ✓ or ✗, in its
 * words. While it runs, says so: a provider that does not answer takes as
 * long as SIP waits for it (about 30 seconds).
 */
export function TrunkTestResult({ name, state, onClose }: { name: string; state: TestState; onClose: () => void }) {
  if (state.kind === 'idle') return null;
  return (
    <div className="trunk-test" data-testid={`trunk-test-${name}`} role="region" aria-label={`Test of ${name}`}>
      <div aria-live="polite">
        {state.kind === 'running' && (
          <p className="trunk-test-running">
            <span className="spinner" aria-hidden="true" /> Testing: finding the server, registering, asking it to answer… A provider that does not
            answer can take half a minute.
          </p>
        )}
        {state.kind === 'failed' && <p className="error">The test could not run: {state.message}</p>}
        {state.kind === 'done' && (
          <>
            <p className={state.result.ok ? 'ok' : 'error'}>{state.result.ok ? 'The trunk works.' : 'The trunk does not work yet:'}</p>
            <ol className="checklist">
              {state.result.steps.map((step, index) => (
                <li key={index} className={step.ok ? 'step-ok' : 'step-failed'}>
                  <span className="step-mark" aria-hidden="true">
                    {step.ok ? '✓' : '✗'}
                  </span>
                  <span className="sr-only">{step.ok ? 'Passed: ' : 'Failed: '}</span>
                  {step.text}
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
      {state.kind !== 'running' && (
        <button type="button" className="link-button" onClick={onClose}>
          Close the test
        </button>
      )}
    </div>
  );
}
