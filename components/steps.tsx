// Step indicator for multi-step forms: "Step 2 of 4 · Review".
export function Steps({ current, labels, template }: { current: number; labels: string[]; template: (n: number, total: number) => string }) {
  return (
    <nav aria-label={template(current, labels.length)} className="mb-4">
      <p className="text-sm font-medium text-slate-700">
        {template(current, labels.length)} · {labels[current - 1]}
      </p>
      <ol className="mt-2 flex gap-1" aria-hidden="true">
        {labels.map((l, i) => (
          <li key={l} className={`h-2 flex-1 rounded-full ${i < current ? 'bg-brand-700' : 'bg-slate-200'}`} />
        ))}
      </ol>
    </nav>
  );
}
