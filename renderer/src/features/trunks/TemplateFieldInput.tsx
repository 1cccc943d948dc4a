import type { ProviderTemplate } from '../../../../shared/trunks';
import { TRUNK_TRANSPORTS } from '../../../../shared/trunks';
import { Field } from '../../ui/Field';
import { SecretInput } from '../../ui/SecretInput';

type TemplateField = ProviderTemplate['fields'][number];

const TRANSPORT_NAMES: Record<(typeof TRUNK_TRANSPORTS)[number], string> = { udp: 'UDP', tcp: 'TCP', tls: 'TLS (encrypted)' };

/** One of a template's fields, in the provider's words, with the control its value needs. */
export function TemplateFieldInput({
  field,
  template,
  value,
  error,
  editing,
  onChange,
}: {
  field: TemplateField;
  template: ProviderTemplate;
  value: string;
  error: string | undefined;
  /** Editing a trunk: an empty password keeps the one it has. */
  editing: boolean;
  onChange: (value: string) => void;
}) {
  const keepsPassword = editing && field.key === 'password';
  const hint = keepsPassword ? `Leave it empty to keep the current password. ${field.help}` : field.help;
  return (
    <Field label={field.label} hint={hint} error={error} required={field.required && !keepsPassword}>
      {(control) => {
        const common = { ...control, name: field.key, value, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
        if (field.secret) return <SecretInput {...common} />;
        if (field.key === 'transport') {
          return (
            <select {...common}>
              {TRUNK_TRANSPORTS.map((t) => (
                <option key={t} value={t}>
                  {TRANSPORT_NAMES[t]}
                </option>
              ))}
            </select>
          );
        }
        if (field.key === 'inboundAddresses') return <textarea {...common} rows={4} spellCheck={false} placeholder={'203.0.113.10\n203.0.113.0/28'} />;
        if (field.key === 'port') return <input {...common} inputMode="numeric" autoComplete="off" placeholder={String(template.defaults.port)} />;
        if (field.key === 'outboundCallerId') return <input {...common} type="tel" autoComplete="off" placeholder="+14155550100" />;
        return <input {...common} autoComplete="off" spellCheck={false} placeholder={field.key === 'server' ? template.defaults.server : undefined} />;
      }}
    </Field>
  );
}
