import { useEffect, useRef } from 'preact/hooks';
import { guestCart, loadCart, serverCart } from './cart.ts';
import { language, useT } from './i18n.ts';
import { interceptLinks, match, navigate, useLocation } from './router.ts';
import { logOut, session } from './session.ts';
import { useStore } from './store.ts';
import { SearchBox } from './components/search-box.tsx';
import { AccountPage } from './pages/account.tsx';
import { CartPage } from './pages/cart.tsx';
import { CheckoutPage } from './pages/checkout.tsx';
import { LoginPage } from './pages/login.tsx';
import { OrderPage } from './pages/order.tsx';
import { ProductPage } from './pages/product.tsx';
import { SearchPage } from './pages/search.tsx';

function Page({ path }: { path: string }) {
  const t = useT();
  if (path === '/') return <SearchPage />;
  const product = match('/product/:id', path);
  if (product) return <ProductPage id={product.id!} />;
  if (path === '/cart') return <CartPage />;
  if (path === '/checkout') return <CheckoutPage />;
  const order = match('/orders/:id', path);
  if (order) return <OrderPage id={order.id!} />;
  if (path === '/account') return <AccountPage />;
  if (path === '/login') return <LoginPage />;
  return (
    <div>
      <h1>{t.notFound}</h1>
      <a href="/">{t.backHome}</a>
    </div>
  );
}

export function App() {
  const t = useT();
  const { path } = useLocation();
  const lang = useStore(language);
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(path);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  // A new page moves the focus to its content, as a page load would for a screen reader.
  useEffect(() => {
    if (firstPath.current === path) return;
    firstPath.current = '';
    main.current?.focus({ preventScroll: true });
  }, [path]);
  return (
    <div onClick={interceptLinks}>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        {t.skipToContent}
      </a>
      <Header />
      <main id="main" ref={main} tabIndex={-1}>
        <Page path={path} />
      </main>
      <footer class="site-footer">
        <a href="/docs">API</a>
      </footer>
    </div>
  );
}

function Header() {
  const t = useT();
  const current = useStore(session);
  const lang = useStore(language);
  return (
    <header class="site-header">
      <a class="brand" href="/" aria-label={t.home}>
        Pasar
      </a>
      <SearchBox />
      <nav aria-label={t.mainNavigation} class="site-nav">
        <CartLink />
        {current ? (
          <>
            <a href="/account">{t.account}</a>
            <button
              type="button"
              class="link-button"
              onClick={() => {
                logOut();
                serverCart.set(undefined);
                navigate('/');
              }}
            >
              {t.logOut}
            </button>
          </>
        ) : (
          <a href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>{t.logIn}</a>
        )}
        <button
          type="button"
          class="link-button"
          lang={lang === 'id' ? 'en' : 'id'}
          aria-label={t.switchLanguage}
          onClick={() => switchLanguage()}
        >
          {t.switchTo}
        </button>
      </nav>
    </header>
  );
}

/** The other language, for the pages and, when logged in, for the customer's mails too. */
function switchLanguage(): void {
  const next = language.get() === 'id' ? 'en' : 'id';
  language.set(next);
  const current = session.get();
  if (current) {
    void fetch('/api/customers/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${current.token}` },
      body: JSON.stringify({ locale: next }),
    }).catch(() => undefined);
  }
}

function CartLink() {
  const t = useT();
  const current = useStore(session);
  const guest = useStore(guestCart);
  const server = useStore(serverCart);
  useEffect(() => {
    if (current && !server) void loadCart().catch(() => undefined);
  }, [current, server]);
  const count = current ? (server?.totals.itemCount ?? 0) : guest.reduce((sum, line) => sum + line.quantity, 0);
  return (
    <a href="/cart" aria-label={t.cartWithCount(count)}>
      {t.cart}{' '}
      <span class="cart-count" aria-hidden="true">
        {count}
      </span>
    </a>
  );
}
