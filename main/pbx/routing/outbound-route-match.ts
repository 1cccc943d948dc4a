import type { OutboundRoute } from '../../../shared/routing';
import { compileDialPattern, matchDialPattern, type DialPattern } from './dial-pattern';

export interface OutboundRouteMatch {
  readonly route: OutboundRoute;
  /** The pattern as written. */
  readonly pattern: string;
  /** The dialled string with the pattern's prefix stripped (before prepend). */
  readonly remainder: string;
}

/**
 * Every enabled route with a pattern that matches, in route order, each with
 * its first matching pattern (patterns count in the order the admin wrote
 * them, like routes). A stored pattern that does not compile never matches;
 * the settings layer refuses those when the route is saved.
 */
export function outboundRouteMatches(routes: readonly OutboundRoute[], dialled: string): OutboundRouteMatch[] {
  const matches: OutboundRouteMatch[] = [];
  for (const route of routes) {
    if (!route.enabled) continue;
    for (const pattern of compiledPatterns(route)) {
      const match = matchDialPattern(pattern, dialled);
      if (match.matched) {
        matches.push({ route, pattern: pattern.text, remainder: match.remainder });
        break;
      }
    }
  }
  return matches;
}

/** The first enabled route one of whose patterns would match if more digits came (overlap dialling, RFC 3261 §21.4.22). */
export function routeAwaitingDigits(routes: readonly OutboundRoute[], dialled: string): { route: OutboundRoute; pattern: string } | undefined {
  for (const route of routes) {
    if (!route.enabled) continue;
    const pattern = compiledPatterns(route).find((p) => {
      const match = matchDialPattern(p, dialled);
      return !match.matched && match.incomplete;
    });
    if (pattern !== undefined) return { route, pattern: pattern.text };
  }
  return undefined;
}

function compiledPatterns(route: OutboundRoute): DialPattern[] {
  return route.patterns.flatMap((text) => {
    const compiled = compileDialPattern(text);
    return compiled.ok ? [compiled.pattern] : [];
  });
}
