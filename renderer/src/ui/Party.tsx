/** An extension as people know it: its name when it has one, its number always. */
export function Party({ number, name }: { number: string; name?: string | undefined }) {
  return (
    <span className="party">
      {name ? (
        <>
          <span className="party-name">{name}</span> <span className="party-number">{number}</span>
        </>
      ) : (
        <span className="party-name">{number}</span>
      )}
    </span>
  );
}
