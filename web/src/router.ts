import { createStore, useStore } from './store.ts';

/** Where the page is: the path and query of the address bar, followed through pushState and back/forward. */
export interface Location {
  path: string;
  query: URLSearchParams;
}

const here = (): Location => ({ path: window.location.pathname, query: new URLSearchParams(window.location.search) });
const location = createStore<Location>(here());
addEventListener('popstate', () => location.set(here()));

export function useLocation(): Location {
  return useStore(location);
}

/** `replace` for changes that are not a new page, such as the query as it is typed. */
export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  location.set(here());
  if (!options.replace) scrollTo(0, 0);
}

/** Pages of this origin that the gateway serves itself (Swagger UI, the API). */
const NOT_THE_APP = /^\/(docs|api|openapi\.json)(\/|$)/;

/** Plain links navigate in the app, unless the reader asked for a new tab or window. */
export function interceptLinks(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.origin !== window.location.origin || anchor.hasAttribute('download')) return;
  if (NOT_THE_APP.test(anchor.pathname)) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}

/** Matches `/orders/:id`-style patterns; the values are decoded. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}/?$`,
  );
  const found = regex.exec(path);
  if (!found) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]));
}
