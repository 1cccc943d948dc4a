const KEYS: [string, string][] = [
  ['1', ''],
  ['2', 'ABC'],
  ['3', 'DEF'],
  ['4', 'GHI'],
  ['5', 'JKL'],
  ['6', 'MNO'],
  ['7', 'PQRS'],
  ['8', 'TUV'],
  ['9', 'WXYZ'],
  ['*', ''],
  ['0', '+'],
  ['#', ''],
];

export function DialPad({ onKey, label = 'Dial pad' }: { onKey: (key: string) => void; label?: string }) {
  return (
    <div className="dialpad" role="group" aria-label={label}>
      {KEYS.map(([key, letters]) => (
        <button key={key} type="button" className="dialpad-key" onClick={() => onKey(key)} aria-label={key}>
          <span className="dialpad-digit">{key}</span>
          <span className="dialpad-letters" aria-hidden="true">
            {letters}
          </span>
        </button>
      ))}
    </div>
  );
}
