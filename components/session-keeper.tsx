'use client';
// Keeps an active person's session alive and warns before the idle timeout (TRUST S3).
// Activity (a key, a tap) refreshes the session at most once a minute through next-auth's
// session endpoint, which re-issues the cookie. Two minutes before the idle limit a dialog
// offers to stay signed in; nothing on the page is touched, so typed text is kept.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';

const WARN_BEFORE_MS = 2 * 60_000;

export function SessionKeeper({ idleSeconds }: { idleSeconds: number }) {
  const t = useTranslations();
  const lastRefresh = useRef(Date.now());
  const [warning, setWarning] = useState(false);

  const refresh = useCallback(async () => {
    lastRefresh.current = Date.now();
    setWarning(false);
    await fetch('/api/auth/session', { cache: 'no-store' }).catch(() => undefined);
  }, []);

  useEffect(() => {
    const onActivity = () => {
      if (Date.now() - lastRefresh.current > 60_000) void refresh();
    };
    window.addEventListener('keydown', onActivity);
    window.addEventListener('pointerdown', onActivity);
    const timer = window.setInterval(() => {
      const idle = Date.now() - lastRefresh.current;
      if (idle > idleSeconds * 1000 - WARN_BEFORE_MS) setWarning(true);
    }, 15_000);
    return () => {
      window.removeEventListener('keydown', onActivity);
      window.removeEventListener('pointerdown', onActivity);
      window.clearInterval(timer);
    };
  }, [idleSeconds, refresh]);

  if (!warning) return null;
  return (
    <div role="alertdialog" aria-labelledby="idle-title" className="fixed inset-x-0 bottom-0 z-50 border-t-4 border-amber-500 bg-white p-4 shadow-2xl">
      <div className="mx-auto flex max-w-3xl flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p id="idle-title" className="font-medium text-slate-900">
          {t('session.idleWarning')}
        </p>
        <button type="button" onClick={() => void refresh()} className="min-h-11 rounded-lg bg-brand-700 px-5 font-semibold text-white">
          {t('session.stay')}
        </button>
      </div>
    </div>
  );
}
