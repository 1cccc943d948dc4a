import type { ProviderTemplate } from '../../../../shared/trunks';

/** One line on how a provider connects: what it asks for, whether we register. */
function howItConnects(template: ProviderTemplate): string {
  const auth = template.authType === 'ip' ? 'IP address' : 'Username and password';
  return `${auth} · ${template.defaults.register ? 'registers' : 'no registration'}`;
}

/** The first step of adding a trunk: the providers we know, as cards. */
export function ProviderPicker({ templates, onPick }: { templates: readonly ProviderTemplate[]; onPick: (template: ProviderTemplate) => void }) {
  return (
    <ul className="provider-grid" aria-label="Providers">
      {templates.map((template) => (
        <li key={template.id}>
          <button type="button" className="provider-card" onClick={() => onPick(template)}>
            <span className="provider-name">{template.displayName}</span>
            <span className="provider-how">{howItConnects(template)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
