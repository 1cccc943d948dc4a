import { useEffect, useState } from 'react';

export const VIEWS = ['phone', 'contacts', 'history', 'presence', 'settings', 'admin', 'trunks', 'routes'] as const;
export type View = (typeof VIEWS)[number];

function readView(): View {
  const name = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'phone';
}

/** The current view lives in the URL hash, so reload, back and links work. */
export function useHashRoute(): View {
  const [view, setView] = useState<View>(readView);
  useEffect(() => {
    const onChange = () => setView(readView());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return view;
}

/** The query of the hash route: `#/phone?dial=1002` gives dial=1002. */
export function readHashQuery(): URLSearchParams {
  const hash = location.hash;
  const start = hash.indexOf('?');
  return new URLSearchParams(start < 0 ? '' : hash.slice(start + 1));
}
