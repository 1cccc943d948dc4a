import { errorDetails, type ErrorDetails } from '../../ui/error-details';

/**
 * A failed save's errors by form field. The engine names a field by its path:
 * "route.patterns.2" when the contract's schema refused it, "patterns.2" when
 * the route service did; both land on the form's "patterns" field, naming the
 * entry of `lists.patterns` they concern. The fields are keyed by the
 * field's name in the route or policy: "patterns", "trunks", "destination".
 */
export function routeFormErrors(error: unknown, lists: Record<string, readonly string[]> = {}): ErrorDetails {
  const { message, fields } = errorDetails(error);
  const byField: Record<string, string> = {};
  for (const [path, text] of Object.entries(fields)) {
    const [field = path, index] = path.replace(/^(route|policy)\./, '').split('.');
    const entry = index === undefined ? undefined : lists[field]?.[Number(index)];
    byField[field] ??= entry === undefined ? text : `“${entry}”: ${text}`;
  }
  return { message, fields: byField };
}
