'use client';
// The public notice board's entries (公示), drawn from plain words the page worked out: the masked
// household, its entitlement as sentences, the notice's last day and countdown, and what the
// reader may do about it. A client component for what it saves the server: the board shows up to
// 50 entries, and as server components every element of them was rendered and sent twice (the
// RSC payload, then the HTML); given plain rows, only the rows travel in the payload. The
// objection form was a client component already; the messages it needs come from the page.
import { Megaphone } from 'lucide-react';
import type { ComponentProps } from 'react';
import { Countdown } from '@/components/countdown';
import { ObjectionForm } from '@/components/cases/case-forms';
import { EntitlementLines } from '@/components/eligibility';

/** What the reader may do about an entry. */
export type NoticeEntryOffer = 'none' | 'ownHousehold' | 'alreadyLodged' | 'object' | 'signIn';

export interface NoticeEntryView {
  applicationId: string;
  /** The masked head of household (张*明). */
  who: string;
  /** "户主：张*明". */
  household: string;
  /** The entitlement as sentences, the headline first. */
  lines: string[];
  /** "公示至 2026年12月3日", or null. */
  until: string | null;
  countdown: { daysLeft: number; label: string };
  offer: NoticeEntryOffer;
  /** The <summary> of the objection form ("对张*明提出异议"), when the offer is 'object'. */
  objectLabel?: string;
}

export interface NoticeGroupView {
  id: string;
  title: string;
  entries: NoticeEntryView[];
}

type ObjectionAction = ComponentProps<typeof ObjectionForm>['action'];

export function NoticeGroups({
  groups,
  words,
  signInHref,
  action,
}: {
  groups: readonly NoticeGroupView[];
  words: { ownHousehold: string; alreadyLodged: string; signInToObject: string };
  signInHref: string;
  action: ObjectionAction;
}) {
  let index = 0;
  return (
    <>
      {groups.map((g) => (
        <section key={g.id} aria-labelledby={g.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
          <h2 id={g.id} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
            <Megaphone aria-hidden="true" className="h-5 w-5 text-brand-700" />
            {g.title}
          </h2>
          <ul className="mt-3 divide-y divide-slate-100">
            {g.entries.map((e) => {
              const i = index++;
              return (
                <li key={e.applicationId} className="space-y-2 py-3" data-testid="notice-entry">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div>
                      <p className="text-lg font-semibold">{e.household}</p>
                      <EntitlementLines lines={e.lines} />
                    </div>
                    <div className="text-right">
                      {e.until ? <p className="text-slate-700">{e.until}</p> : null}
                      <Countdown {...e.countdown} />
                    </div>
                  </div>
                  {e.offer === 'ownHousehold' ? (
                    <p className="text-sm text-slate-600">{words.ownHousehold}</p>
                  ) : e.offer === 'alreadyLodged' ? (
                    <p className="text-sm font-medium text-amber-900">{words.alreadyLodged}</p>
                  ) : e.offer === 'object' ? (
                    <details className="rounded-lg border border-slate-200 bg-slate-50 p-3">
                      <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-brand-700">{e.objectLabel}</summary>
                      <div className="mt-3">
                        <ObjectionForm action={action} applicationId={e.applicationId} index={i} who={e.who} />
                      </div>
                    </details>
                  ) : e.offer === 'signIn' ? (
                    // A plain anchor: the same sign-in address on every entry, no Link (and its payload) per entry.
                    <a href={signInHref} className="inline-flex min-h-11 items-center text-brand-700 underline">
                      {words.signInToObject}
                    </a>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
