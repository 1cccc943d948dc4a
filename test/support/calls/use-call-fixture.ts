import { afterAll, afterEach, beforeAll } from 'vitest';
import { CallFixture } from './call-fixture';

/**
 * Starts one CallFixture for a test file with these extensions: its peers are
 * cleaned up after each test and the engine stopped after the last. Returns
 * the fixture, available from beforeAll on.
 */
export function useCallFixture(passwords: Record<string, string>): () => CallFixture {
  let calls: CallFixture | undefined;
  beforeAll(async () => {
    calls = await CallFixture.start(passwords);
  });
  afterEach(() => calls?.cleanUp());
  afterAll(() => calls?.stop());
  return () => {
    if (!calls) throw new Error('the call fixture has not started');
    return calls;
  };
}
