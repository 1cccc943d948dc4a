import { useState, type FormEvent } from 'react';
import type { ProviderTemplate, TrunkView } from '../../../../shared/trunks';
import { Field } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { TextField } from '../../ui/TextField';
import { useSaveForm } from '../../ui/use-save-form';
import { AdvancedSettings } from './AdvancedSettings';
import { ProviderFacts } from './ProviderFacts';
import { TemplateFieldInput } from './TemplateFieldInput';
import { fieldsToSend, initialValues, SETTING_KEYS, settingsToSend, type FieldKey, type SettingValues, type TrunkFormValues } from './trunk-form-values';

/**
 * Adds a trunk from a provider's template, or edits one: exactly the fields
 * the template asks for, in its words, the provider's notes beside them, and
 * the rest folded under Advanced settings. Errors come back per field from
 * the engine and are shown at their fields.
 */
export function TrunkForm({
  template,
  trunk,
  onSaved,
  onCancel,
  onChangeProvider,
}: {
  template: ProviderTemplate;
  /** The trunk to edit; absent to add one. */
  trunk?: TrunkView;
  onSaved: (trunk: TrunkView) => void;
  onCancel: () => void;
  onChangeProvider?: () => void;
}) {
  const editing = trunk !== undefined;
  const [values, setValues] = useState<TrunkFormValues>(() => initialValues(template, trunk));
  const { form, saving, failed, errors, general, save } = useSaveForm('input, select, textarea');
  const titleId = `trunk-form-title-${trunk?.name ?? 'new'}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const displayName = values.displayName.trim();
    await save(async (client) => {
      const fields = fieldsToSend(values, editing);
      const settings = settingsToSend(values.settings);
      const saved = editing
        ? await client.call('trunks.update', { name: trunk.name, displayName, fields, settings })
        : await client.call('trunks.create', { template: template.id, name: values.name.trim(), ...(displayName ? { displayName } : {}), fields, settings });
      onSaved(saved);
    });
  }

  const editField = (key: FieldKey, value: string) => setValues((v) => ({ ...v, fields: { ...v.fields, [key]: value } }));
  const editSettings = (patch: Partial<SettingValues>) => setValues((v) => ({ ...v, settings: { ...v.settings, ...patch } }));

  return (
    <form className="trunk-form" ref={form} onSubmit={submit} noValidate aria-labelledby={titleId}>
      <div className="trunk-form-head">
        <h2 id={titleId}>{editing ? `Edit ${trunk.displayName || trunk.name}` : `New trunk: ${template.displayName}`}</h2>
        {onChangeProvider && (
          <button type="button" className="link-button" onClick={onChangeProvider}>
            Choose another provider
          </button>
        )}
      </div>
      <div className="trunk-form-body">
        <fieldset disabled={saving}>
          <p className="hint required-legend">
            <span className="required-mark" aria-hidden="true">
              *
            </span>{' '}
            required
          </p>
          {!editing && (
            <Field label="Trunk name" required hint="Lower-case letters, digits, - and _. Routes refer to the trunk by this name." error={errors.name}>
              {(control) => (
                <input
                  {...control}
                  name="name"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={template.id}
                  value={values.name}
                  onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
                />
              )}
            </Field>
          )}
          <TextField
            label="Display name"
            name="displayName"
            autoComplete="off"
            maxLength={64}
            placeholder={template.displayName}
            value={values.displayName}
            onChange={(e) => setValues((v) => ({ ...v, displayName: e.target.value }))}
            error={errors.displayName}
          />
          {template.fields.map((field) => (
            <TemplateFieldInput
              key={field.key}
              field={field}
              template={template}
              value={values.fields[field.key] ?? ''}
              error={errors[field.key]}
              editing={editing}
              onChange={(value) => editField(field.key, value)}
            />
          ))}
          <AdvancedSettings values={values.settings} errors={errors} canRegister={template.authType === 'credential'} onChange={editSettings} />
          <FormActions
            label={editing ? 'Save changes' : 'Add trunk'}
            busy={saving}
            onCancel={onCancel}
            status={general(['name', 'displayName', ...template.fields.map((f) => f.key), ...SETTING_KEYS])}
            failed={failed}
          />
        </fieldset>
        <ProviderFacts template={template} />
      </div>
    </form>
  );
}
