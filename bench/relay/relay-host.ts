// The relay under test, alone in its process so that /proc shows its whole
// CPU time (main thread + workers). run.mjs bundles this file with esbuild and
// drives it over IPC:
//   → { type: 'open', remotes: [[aPort, bPort], ...] }   ← { type: 'opened', legs: [[aRelayPort, bRelayPort], ...] }
//   → { type: 'counters' }                                ← { type: 'counters', forwarded, lost, dropped }
//   → { type: 'close-all' }                               ← { type: 'closed' }
import { pathToFileURL } from 'node:url';
import { MediaRelay, type RelaySession } from '../../main/pbx/media/relay/media-relay';

type Command = { type: 'open'; remotes: Array<[number, number]> } | { type: 'counters' } | { type: 'close-all' };

const OPEN_BATCH = 50;
const [workerFile, workers, lowPort, highPort] = process.argv.slice(2);
const reply = (message: object) => process.send?.(message);

const relay = await MediaRelay.start({
  bindAddress: '127.0.0.1',
  portRange: [Number(lowPort), Number(highPort)],
  workers: Number(workers),
  workerUrl: pathToFileURL(workerFile!),
  onWorkerError: (error) => {
    console.error(`relay worker failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
});
const sessions: RelaySession[] = [];

async function open(remotes: Array<[number, number]>): Promise<void> {
  for (let i = 0; i < remotes.length; i += OPEN_BATCH) {
    const batch = await Promise.all(remotes.slice(i, i + OPEN_BATCH).map(() => relay.openSession()));
    batch.forEach((session, j) => {
      const [a, b] = remotes[i + j]!;
      session.setRemote('a', { address: '127.0.0.1', rtpPort: a, rtcpPort: a + 1 });
      session.setRemote('b', { address: '127.0.0.1', rtpPort: b, rtcpPort: b + 1 });
      session.setPayloadMap('a', { 0: 0 });
      session.setPayloadMap('b', { 0: 0 });
    });
    sessions.push(...batch);
  }
  // One round trip per session: its worker has applied the settings.
  await Promise.all(sessions.map((session) => session.stats()));
  reply({ type: 'opened', legs: sessions.map((s) => [s.a.rtpPort, s.b.rtpPort]) });
}

async function counters(): Promise<void> {
  const all = await Promise.all(sessions.map((session) => session.stats()));
  const legs = all.flatMap((stats) => [stats.a, stats.b]);
  reply({
    type: 'counters',
    forwarded: legs.reduce((sum, leg) => sum + leg.packetsSent, 0),
    lost: legs.reduce((sum, leg) => sum + leg.packetsLost, 0),
    dropped: legs.reduce((sum, leg) => sum + Object.values(leg.dropped).reduce((a, b) => a + b, 0), 0),
  });
}

process.on('message', (command: Command) => {
  const done =
    command.type === 'open'
      ? open(command.remotes)
      : command.type === 'counters'
        ? counters()
        : Promise.all(sessions.splice(0).map((s) => s.close())).then(() => reply({ type: 'closed' }));
  done.catch((error: Error) => {
    console.error(`relay host: ${command.type} failed: ${error.stack ?? error.message}`);
    process.exit(1);
  });
});
process.once('disconnect', () => void relay.stop().then(() => process.exit(0)));
reply({ type: 'ready' });
