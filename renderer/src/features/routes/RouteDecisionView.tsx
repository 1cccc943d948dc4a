import type { RouteDecision } from '../../../../shared/routing';

/** What a denial's status means, in a word or two. */
const DENIALS: Record<number, string> = { 403: 'not allowed', 404: 'no route', 484: 'incomplete number', 503: 'no usable trunk' };

function verdict(decision: RouteDecision): string {
  switch (decision.outcome) {
    case 'extension':
      return `Rings extension ${decision.number}`;
    case 'trunk':
      return decision.emergency ? `Emergency call through ${decision.trunks[0]}` : `Goes out through ${decision.trunks.join(', then ')}`;
    case 'denied':
      return `Refused: ${DENIALS[decision.status] ?? 'cannot be placed'} (${decision.status})`;
  }
}

/** The answer of "Try a number": a verdict, the engine's explanation in full, and the facts of the call. */
export function RouteDecisionView({ decision }: { decision: RouteDecision }) {
  const tone = decision.outcome === 'denied' ? 'denied' : 'allowed';
  return (
    <div className={`route-decision decision-${tone}`} data-testid="route-decision">
      <p className="decision-verdict">{verdict(decision)}</p>
      <p className="decision-explanation" data-testid="route-explanation">
        {decision.explanation}
      </p>
      {decision.outcome === 'trunk' && (
        <dl className="facts">
          <dt>Route</dt>
          <dd>{decision.route}</dd>
          <dt>Number sent</dt>
          <dd>
            <code>{decision.number}</code>
          </dd>
          <dt>Caller ID</dt>
          <dd>{decision.callerId ?? <span className="muted">the provider decides</span>}</dd>
        </dl>
      )}
    </div>
  );
}
