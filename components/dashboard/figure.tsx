// One figure of a dashboard: a link to the cases behind it when it is above zero and there is
// somewhere to go, else the number alone (bold above zero, grey at zero). No hooks and no
// directive, so the server's dashboard and the client tables drawn from rows (case-matrix.tsx,
// child-place-list.tsx) render the same markup.
export function Figure({ text, positive, href, testId }: { text: string; positive: boolean; href: string | null; testId?: string }) {
  return positive && href ? (
    <a href={href} className="inline-flex min-h-11 min-w-11 items-center justify-end text-brand-700 underline" data-figure={testId}>
      {text}
    </a>
  ) : (
    <span className={positive ? 'font-semibold' : 'text-slate-400'}>{text}</span>
  );
}
