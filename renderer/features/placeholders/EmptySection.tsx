/** A section that has nothing to show yet, with a sentence saying what will appear. */
export function EmptySection({ title, text }: { title: string; text: string }) {
  return (
    <section className="page">
      <h1>{title}</h1>
      <p className="empty">{text}</p>
    </section>
  );
}
