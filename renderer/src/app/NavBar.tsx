import { Icon, type IconName } from '../ui/Icon';
import type { View } from './use-hash-route';

const ITEMS: { view: View & IconName; label: string; adminOnly?: boolean }[] = [
  { view: 'phone', label: 'Phone' },
  { view: 'contacts', label: 'Contacts' },
  { view: 'history', label: 'History' },
  { view: 'presence', label: 'Presence' },
  { view: 'settings', label: 'Settings' },
  { view: 'admin', label: 'Admin', adminOnly: true },
  { view: 'trunks', label: 'Trunks', adminOnly: true },
  { view: 'routes', label: 'Routes', adminOnly: true },
];

export function NavBar({ current, isAdmin }: { current: View; isAdmin: boolean }) {
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand" aria-label="Dialtone">
        <span className="brand-mark">
          <Icon name="logo" size={22} />
        </span>
        Dialtone
      </div>
      <ul>
        {ITEMS.filter((item) => !item.adminOnly || isAdmin).map((item) => (
          <li key={item.view}>
            <a href={`#/${item.view}`} aria-current={item.view === current ? 'page' : undefined} className="nav-link">
              <Icon name={item.view} />
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
