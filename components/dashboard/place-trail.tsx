// The way down from the county to the place on screen (县 › 镇 › 村), each step a link to that
// place's page when the reader may open it; the place itself is marked as the current page.
// Shared by the dashboards and the officials' visits page.
export interface TrailPlace {
  id: number;
  name: string;
  nameEn: string;
}

export function PlaceTrail<P extends TrailPlace>({ label, trail, current, locale, hrefOf }: { label: string; trail: readonly P[]; current: number; locale: string; hrefOf: (p: P) => string | null }) {
  const name = (p: TrailPlace) => (locale === 'en' ? p.nameEn : p.name);
  return (
    <nav aria-label={label}>
      <ol className="flex flex-wrap items-center gap-x-2 text-sm">
        {trail.map((p, i) => {
          const href = p.id === current ? null : hrefOf(p);
          return (
            <li key={p.id} className="flex items-center gap-2">
              {i > 0 ? <span aria-hidden="true">›</span> : null}
              {p.id === current ? (
                <span aria-current="page" className="font-semibold">
                  {name(p)}
                </span>
              ) : href ? (
                <a href={href} className="inline-flex min-h-11 items-center text-brand-700 underline">
                  {name(p)}
                </a>
              ) : (
                <span>{name(p)}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
