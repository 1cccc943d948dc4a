/** A form's submit button, its Cancel when it has one, and its status line, read out when it changes. */
export function FormActions({
  label,
  busy,
  busyLabel = 'Saving…',
  disabled,
  onCancel,
  status = '',
  failed = false,
}: {
  label: string;
  busy: boolean;
  busyLabel?: string;
  disabled?: boolean;
  onCancel?: () => void;
  status?: string;
  failed?: boolean;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={disabled}>
        {busy ? busyLabel : label}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
      <span role="status" aria-live="polite" className={failed ? 'error' : 'ok'}>
        {status}
      </span>
    </div>
  );
}
