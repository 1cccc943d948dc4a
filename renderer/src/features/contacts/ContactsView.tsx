import { ViewHeader } from '../../ui/ViewHeader';

export function ContactsView() {
  return (
    <section className="view">
      <ViewHeader title="Contacts" />
      <div className="empty">
        <p>People you call appear here. You can also dial anyone from the Phone view.</p>
      </div>
    </section>
  );
}
