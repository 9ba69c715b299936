// A role's sections with the unread count of its inbox (the resident's messages, the cadre's
// staff inbox). Large touch targets; wraps onto a second line on phones rather than scrolling
// sideways, so every section stays in sight. The callers pass the words in the reader's language.
import Link from 'next/link';

const linkClass = 'inline-flex min-h-11 items-center whitespace-nowrap px-3 font-medium text-brand-700 hover:underline';

export function SectionNav({
  label,
  items,
  inbox,
}: {
  label: string;
  items: readonly { href: string; text: string }[];
  /** The inbox link last, with its unread count as a badge and in words for screen readers (officials have none yet). */
  inbox?: { href: string; text: string; unread: number; unreadWords: string };
}) {
  return (
    <nav aria-label={label} className="relative -mx-4 mb-6 border-b border-slate-200 bg-white px-2">
      <ul className="flex flex-wrap">
        {items.map((i) => (
          <li key={i.href}>
            <Link href={i.href} className={linkClass}>
              {i.text}
            </Link>
          </li>
        ))}
        {inbox ? (
          <li>
            <Link href={inbox.href} className={`${linkClass} gap-1`}>
              {inbox.text}
              {inbox.unread > 0 ? (
                <>
                  <span aria-hidden="true" className="rounded-full bg-red-700 px-2 text-sm font-bold text-white">
                    {inbox.unread >= 100 ? '99+' : inbox.unread}
                  </span>
                  <span className="sr-only">{inbox.unreadWords}</span>
                </>
              ) : null}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
