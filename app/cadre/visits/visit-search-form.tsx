// The household search of the visit pages (the visits home and the visit form's first step).
// It POSTs to app/cadre/visits/new/search, which seals the words and sends the browser to the
// visit form with a token: a name, phone or ID number never appears in a URL. A number that can
// find no one is not sent: the field says why beneath it and keeps what was typed; without
// JavaScript the route answers ?idCheck=… and the visit page hands that in as `problem`. The
// field shows the current search (a number masked); sent unchanged, it keeps that search.
import { Search } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { searchTextMessages, type SearchTextProblem } from '@/lib/search-text';
import { inputClass } from '@/components/form';
import { SearchTextField } from '@/components/search-text-field';
import { buttonClass } from '@/components/ui';

export async function VisitSearchForm({ current, problem }: { current?: { token: string; shown: string } | null; problem?: SearchTextProblem }) {
  const t = await getTranslations();
  return (
    <form action="/cadre/visits/new/search" method="post" role="search" className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <div className="flex-1">
        <label htmlFor="visit-q" className="mb-1 block font-medium text-slate-900">
          {t('cadreVisits.find.label')}
        </label>
        <p id="visit-q-hint" className="mb-1 text-sm text-slate-600">
          {t('cadreVisits.find.hint')}
        </p>
        <SearchTextField
          id="visit-q"
          hintId="visit-q-hint"
          required
          maxLength={30}
          current={current}
          autoComplete="off"
          className={inputClass}
          problem={problem}
          messages={searchTextMessages(t)}
        />
      </div>
      <button type="submit" className={buttonClass}>
        <Search aria-hidden="true" className="h-5 w-5" />
        {t('cadreVisits.find.submit')}
      </button>
    </form>
  );
}
