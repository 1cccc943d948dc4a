import type { Whoami } from '../../../shared/contract';
import { AdminView } from '../features/admin/AdminView';
import { ContactsView } from '../features/contacts/ContactsView';
import { HistoryView } from '../features/history/HistoryView';
import { PhoneHost } from '../features/phone/PhoneHost';
import { PhoneView } from '../features/phone/PhoneView';
import { PresenceView } from '../features/presence/PresenceView';
import { RoutesView } from '../features/routes/RoutesView';
import { SettingsView } from '../features/settings/SettingsView';
import { TrunksView } from '../features/trunks/TrunksView';
import { NavBar } from './NavBar';
import { StatusBar } from './StatusBar';
import { useHashRoute, type View } from './use-hash-route';

const VIEW_COMPONENTS: Record<View, () => React.JSX.Element> = {
  phone: PhoneView,
  contacts: ContactsView,
  history: HistoryView,
  presence: PresenceView,
  settings: SettingsView,
  admin: AdminView,
  trunks: TrunksView,
  routes: RoutesView,
};

export function AppShell({ user }: { user: Whoami }) {
  const view = useHashRoute();
  const Current = VIEW_COMPONENTS[view];
  return (
    <div className="shell">
      <NavBar current={view} isAdmin={user.role === 'admin'} />
      <main className="content" id="main" tabIndex={-1} aria-labelledby="view-title">
        <Current />
      </main>
      <StatusBar user={user} />
      <PhoneHost />
    </div>
  );
}
