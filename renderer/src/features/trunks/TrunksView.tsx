import { useState } from 'react';
import type { ContractClient } from '../../api/contract-client';
import { LoadState } from '../../ui/LoadState';
import { useLiveTrunkDirectory } from '../../ui/trunk-directory';
import { useResource } from '../../ui/use-resource';
import { ViewHeader } from '../../ui/ViewHeader';
import { AddTrunk } from './AddTrunk';
import { PjsipCard } from './PjsipCard';
import { TrunksCard } from './TrunksCard';

const loadTemplates = (client: ContractClient) => client.call('trunks.templates', {});

/** SIP trunks: add one from a provider's template, watch it register, test it; PJSIP export and import. */
export function TrunksView() {
  const templates = useResource(loadTemplates);
  const directory = useLiveTrunkDirectory();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState('');

  return (
    <section className="view">
      <ViewHeader title="Trunks">
        {!adding && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setAdding(true);
              setAdded('');
            }}
          >
            Add trunk
          </button>
        )}
      </ViewHeader>
      <div className="trunks">
        <p role="status" aria-live="polite" className="ok trunk-added">
          {added}
        </p>
        <LoadState status={templates.status} error={templates.error} onRetry={templates.reload} what="provider templates">
          {templates.data && (
            <>
              {adding && (
                <AddTrunk
                  templates={templates.data}
                  onAdded={(trunk) => {
                    setAdding(false);
                    setAdded(`Trunk ${trunk.name} added. Its status below follows the provider's answers.`);
                    directory.reload();
                  }}
                  onClose={() => setAdding(false)}
                />
              )}
              <TrunksCard directory={directory} templates={templates.data} />
            </>
          )}
        </LoadState>
        <PjsipCard />
      </div>
    </section>
  );
}
