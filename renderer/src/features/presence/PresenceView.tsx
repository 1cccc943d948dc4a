import { ViewHeader } from '../../ui/ViewHeader';

export function PresenceView() {
  return (
    <section className="view">
      <ViewHeader title="Presence" />
      <div className="empty">
        <p>Who is available, on a call or away appears here once extensions are set up.</p>
      </div>
    </section>
  );
}
