/** Text with the part that matched a search marked. */
export function Highlight({ text, start, end }: { text: string; start?: number | undefined; end?: number | undefined }) {
  if (start === undefined || end === undefined || end <= start) return <>{text}</>;
  return (
    <>
      {text.slice(0, start)}
      <mark>{text.slice(start, end)}</mark>
      {text.slice(end)}
    </>
  );
}
