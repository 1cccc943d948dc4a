import { useEffect, useRef } from 'react';
import { useEngine } from '../../state/engine-store';
import { usePhone } from '../../state/phone-store';
import { selectHomeCountry, useSettings } from '../../state/settings-store';
import { IncomingCallDialog } from './IncomingCallDialog';
import { nameForNumber, type Person } from './people-search';
import { usePeople } from './use-people';

/**
 * Runs the app's phone for as long as someone is signed in, whatever view is
 * open, and shows an incoming call over any view.
 */
export function PhoneHost() {
  const client = useEngine((s) => s.client);
  const signedIn = useEngine((s) => s.session.status === 'signed-in');
  const connection = useEngine((s) => s.connection);
  const people = usePeople();
  const peopleRef = useRef<Person[]>(people);
  const incoming = usePhone((s) => s.calls.find((c) => c.state === 'incoming'));

  useEffect(() => {
    peopleRef.current = people;
  }, [people]);

  useEffect(() => {
    if (!client || !signedIn) return;
    const phone = usePhone.getState();
    phone.start({
      fetchConnection: () => client.call('phone.connection', {}),
      country: () => selectHomeCountry(useSettings.getState()),
      nameFor: (number) => nameForNumber(number, peopleRef.current),
    });
    return () => void phone.stop();
  }, [client, signedIn]);

  // The engine's bridge is back (after a restart, say): the phone need not wait for its own backoff.
  useEffect(() => {
    if (connection === 'connected') usePhone.getState().retry();
  }, [connection]);

  return incoming ? <IncomingCallDialog key={incoming.id} call={incoming} people={people} /> : null;
}
