// Finds the highest registration rate a server sustains: ramp up by a factor
// until a step fails, then bisect between the best pass and the lowest failure.

const roundRate = (rate) => Math.max(10, Math.round(rate / 10) * 10);

/** The next target rate, or null when the search is done. */
function nextRate({ best, lowestFail }, policy) {
  if (!lowestFail) {
    if (!best) return policy.startRate;
    return best.rate >= policy.capRate ? null : Math.min(policy.capRate, roundRate(best.rate * policy.factor));
  }
  if (!best) {
    const lower = roundRate(lowestFail.rate / policy.factor);
    return lower >= policy.floorRate ? lower : null;
  }
  if ((lowestFail.rate - best.rate) / best.rate <= policy.tolerance) return null;
  const middle = roundRate((best.rate + lowestFail.rate) / 2);
  return middle > best.rate && middle < lowestFail.rate ? middle : null;
}

/** `runStep(rate)` resolves with a step that has `rate` and `pass`. */
export async function searchMaxRate(runStep, policy) {
  const steps = [];
  let best = null;
  let lowestFail = null;
  for (let rate = nextRate({ best, lowestFail }, policy); rate !== null && steps.length < policy.maxSteps; rate = nextRate({ best, lowestFail }, policy)) {
    const step = await runStep(rate);
    steps.push(step);
    if (step.pass) best = step;
    else lowestFail = step;
  }
  return { steps, best, lowestFail };
}
