// How far a round of visits has got: a bar filled to done / total, green when every household
// has had it. Decorative (the figure beside it says the same in words). A plain component, for
// server and client lists alike.
export function RoundBar({ done, total, className = '' }: { done: number; total: number; className?: string }) {
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <span aria-hidden="true" className={`block h-2 w-full overflow-hidden rounded-full bg-slate-200 ${className}`}>
      <span className={`block h-2 rounded-full ${pct === 100 ? 'bg-green-700' : 'bg-brand-700'}`} style={{ width: `${pct}%` }} />
    </span>
  );
}
