import type { SuggestResponse } from '@pasar/contracts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api.ts';
import { useT } from '../i18n.ts';
import { navigate, useLocation } from '../router.ts';

const SUGGEST_DELAY_MS = 100;
/** Results follow the typing on the search page once the customer pauses this long. */
export const SEARCH_DELAY_MS = 150;

type Suggestion = SuggestResponse['suggestions'][number];

/** The search box: suggestions as you type (a combobox), and on the search page, results as you type. */
export function SearchBox() {
  const t = useT();
  const location = useLocation();
  const onSearchPage = location.path === '/';
  const [text, setText] = useState(onSearchPage ? (location.query.get('q') ?? '') : '');
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useRef(false);

  const shownPath = useRef(location.path);
  useEffect(() => {
    // Another page, or the same page by the back button or a link: the box shows that page's query.
    if (shownPath.current !== location.path) typed.current = false;
    shownPath.current = location.path;
    if (!typed.current) setText(onSearchPage ? (location.query.get('q') ?? '') : '');
  }, [location, onSearchPage]);

  useEffect(() => {
    const prefix = text.trim();
    if (!typed.current || prefix.length < 2) {
      setSuggestions([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      get<SuggestResponse>(`/api/catalog/suggest?${new URLSearchParams({ prefix, size: '6' })}`)
        .then((answer) => current && (setSuggestions(answer.suggestions), setActive(-1)))
        .catch(() => current && setSuggestions([]));
    }, SUGGEST_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);

  useEffect(() => {
    if (!typed.current || !onSearchPage) return;
    const timer = setTimeout(() => navigate(searchUrl(text, location.query), { replace: true }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const choose = (suggestion: Suggestion) => {
    setOpen(false);
    typed.current = false;
    navigate(`/product/${encodeURIComponent(suggestion.productId)}`);
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const chosen = open ? suggestions[active] : undefined;
    if (chosen) return choose(chosen);
    setOpen(false);
    typed.current = false;
    navigate(searchUrl(text, onSearchPage ? location.query : new URLSearchParams()));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && suggestions.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((active + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length > 0) {
      event.preventDefault();
      setActive(active <= 0 ? suggestions.length - 1 : active - 1);
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };
  const expanded = open && suggestions.length > 0;

  return (
    <form class="search-box" role="search" onSubmit={submit}>
      <label for="search-input" class="visually-hidden">
        {t.searchLabel}
      </label>
      <input
        id="search-input"
        type="search"
        role="combobox"
        list={undefined}
        autoComplete="off"
        placeholder={t.searchPlaceholder}
        value={text}
        aria-autocomplete="list"
        aria-expanded={expanded ? 'true' : 'false'}
        aria-controls="search-suggestions"
        aria-activedescendant={expanded && active >= 0 ? `suggestion-${active}` : undefined}
        onInput={(event) => {
          typed.current = true;
          setText(event.currentTarget.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <button type="submit">{t.search}</button>
      <ul id="search-suggestions" role="listbox" aria-label={t.suggestions} class="suggestions" hidden={!expanded}>
        {suggestions.map((suggestion, i) => (
          <li
            key={suggestion.productId}
            id={`suggestion-${i}`}
            role="option"
            aria-selected={i === active ? 'true' : 'false'}
            class={i === active ? 'active' : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(suggestion);
            }}
          >
            {suggestion.text}
          </li>
        ))}
      </ul>
    </form>
  );
}

/** The search page's address for a new query: the filters and sort stay, the page goes back to 1. */
function searchUrl(text: string, current: URLSearchParams): string {
  const query = new URLSearchParams(current);
  query.delete('page');
  if (text.trim()) query.set('q', text.trim());
  else query.delete('q');
  const search = query.toString();
  return search ? `/?${search}` : '/';
}
