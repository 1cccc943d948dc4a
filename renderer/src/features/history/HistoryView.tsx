import { ViewHeader } from '../../ui/ViewHeader';

export function HistoryView() {
  return (
    <section className="view">
      <ViewHeader title="History" />
      <div className="empty">
        <p>Calls made and received through this engine appear here, newest first.</p>
      </div>
    </section>
  );
}
