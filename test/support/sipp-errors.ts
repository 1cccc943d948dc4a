/**
 * What SIPp logged about the scenario, without its watchdog's "overload"
 * warnings: those say the machine was busy (SIPp's own timers slipped), not
 * that the peer did anything wrong.
 */
export function scenarioErrors(log: string): string {
  const lines = log.split('\n').filter((line) => line.trim() !== '' && !/Overload warning: the (minor|major) watchdog timer/.test(line) && line.trim() !== 'The following events occurred:');
  return lines.join('\n').slice(0, 4000);
}
