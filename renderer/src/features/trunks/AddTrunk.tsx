import { useEffect, useRef, useState } from 'react';
import type { ProviderTemplate, TrunkView } from '../../../../shared/trunks';
import { ProviderPicker } from './ProviderPicker';
import { TrunkForm } from './TrunkForm';

/** Adding a trunk in two steps: pick the provider, then fill in what it asks for. */
export function AddTrunk({ templates, onAdded, onClose }: { templates: readonly ProviderTemplate[]; onAdded: (trunk: TrunkView) => void; onClose: () => void }) {
  const [template, setTemplate] = useState<ProviderTemplate | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);

  // Back at the providers (opened, or "Choose another provider"): the heading takes the focus.
  useEffect(() => {
    if (!template) heading.current?.focus();
  }, [template]);

  return (
    <section className="card add-trunk" data-testid="add-trunk">
      {template ? (
        <TrunkForm template={template} onSaved={onAdded} onCancel={onClose} onChangeProvider={() => setTemplate(undefined)} />
      ) : (
        <>
          <div className="trunk-form-head">
            <h2 ref={heading} tabIndex={-1}>
              Who is your SIP provider?
            </h2>
            <button type="button" className="link-button" onClick={onClose}>
              Cancel
            </button>
          </div>
          <p className="hint">Pick yours to see exactly what it asks for. Not listed? Choose “Other provider”.</p>
          <ProviderPicker templates={templates} onPick={setTemplate} />
        </>
      )}
    </section>
  );
}
