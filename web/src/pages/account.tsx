import type {
  ActivityEntry,
  ActivityTimeline,
  AddressList,
  CustomerAccount,
  OrderPage as OrderPageData,
  OrderView,
} from '@pasar/contracts';
import { useEffect, useState } from 'preact/hooks';
import { errorsFor, get, request } from '../api.ts';
import { formatDateTime, formatMoney } from '../format.ts';
import { language, useT, type Dictionary, type Language } from '../i18n.ts';
import { endSessionIf401, session } from '../session.ts';
import { useStore } from '../store.ts';
import { useAsync } from '../use-async.ts';
import { ADDRESS_FIELDS, AddressFields, addressOf, emptyAddress, type AddressDraft } from '../components/address-form.tsx';
import { AuthForms } from '../components/auth-forms.tsx';
import { ErrorNotice, Field, FormProblem, Loading, Section } from '../components/ui.tsx';
import { orderReference } from './order.tsx';

export function AccountPage() {
  const t = useT();
  const current = useStore(session);
  useEffect(() => {
    document.title = `${t.accountTitle} · Pasar`;
  }, [t]);
  return (
    <div class="account-page">
      <h1>{t.accountTitle}</h1>
      {current ? (
        <div class="account-sections">
          <Profile token={current.token} />
          <Orders token={current.token} />
          <Addresses token={current.token} />
          <Timeline token={current.token} />
        </div>
      ) : (
        <>
          <p>{t.loginRequired}</p>
          <AuthForms onDone={() => undefined} />
        </>
      )}
    </div>
  );
}

/** Name and language; the language is also the pages', and the one the customer's mails use. */
function Profile({ token }: { token: string }) {
  const t = useT();
  const me = useAsync(() => get<CustomerAccount>('/api/customers/me', token), [token]);
  const [name, setName] = useState('');
  const [locale, setLocale] = useState<Language>(language.get());
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!me.data) return;
    setName(me.data.name);
    setLocale(me.data.locale);
  }, [me.data]);
  useEffect(() => endSessionIf401(me.error), [me.error]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      const { data } = await request<CustomerAccount>('PATCH', '/api/customers/me', { token, body: { name, locale } });
      me.setData(data);
      language.set(data.locale);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    }
  };
  const { byField, rest } = errorsFor(error, ['name', 'locale']);
  return (
    <Section title={t.profile} id="profile-title">
      <ErrorNotice error={me.error} onRetry={me.reload} />
      {me.data && (
        <form onSubmit={submit} noValidate>
          <p>{me.data.email}</p>
          <Field id="profile-name" label={t.name} autoComplete="name" value={name} onInput={setName} error={byField.name} />
          <div class={byField.locale ? 'field field-invalid' : 'field'}>
            <label for="profile-locale">{t.language}</label>
            <select id="profile-locale" value={locale} onChange={(e) => setLocale(e.currentTarget.value as Language)}>
              <option value="id" lang="id">
                Bahasa Indonesia
              </option>
              <option value="en" lang="en">
                English
              </option>
            </select>
            {byField.locale && <p class="field-error">{byField.locale}</p>}
          </div>
          <FormProblem error={error} rest={rest} />
          <button type="submit">{t.save}</button>
          <p role="status">{saved ? t.saved : ''}</p>
        </form>
      )}
    </Section>
  );
}

/** A list read page by page with the API's cursor. */
function usePaged<T>(load: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>, deps: unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const first = useAsync(async () => {
    const page = await load(undefined);
    setItems(page.items);
    setCursor(page.nextCursor);
    return page;
  }, deps);
  const [error, setError] = useState<unknown>();
  const more = async () => {
    if (!cursor) return;
    try {
      const page = await load(cursor);
      setItems((previous) => [...previous, ...page.items]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(caught);
    }
  };
  return {
    items,
    hasMore: cursor !== null,
    more,
    loading: first.loading && !first.data,
    error: first.error ?? error,
    reload: first.reload,
  };
}

function Orders({ token }: { token: string }) {
  const t = useT();
  const lang = useStore(language);
  const orders = usePaged<OrderView>(
    (cursor) => get<OrderPageData>(`/api/orders?${new URLSearchParams({ limit: '10', ...(cursor && { cursor }) })}`, token),
    [token],
  );
  return (
    <Section title={t.myOrders} id="orders-title">
      <ErrorNotice error={orders.error} onRetry={orders.reload} />
      {orders.loading && <Loading />}
      {!orders.loading && orders.items.length === 0 && !orders.error && <p>{t.noOrders}</p>}
      <ul class="plain-list">
        {orders.items.map((order) => (
          <li key={order.id}>
            <a href={`/orders/${order.id}`}>{orderReference(order.id)}</a> · {formatDateTime(order.createdAt, lang)} ·{' '}
            {formatMoney(order.total)} · <span class={`status status-${order.status.toLowerCase()}`}>{t.statuses[order.status]}</span>
          </li>
        ))}
      </ul>
      {orders.hasMore && (
        <button type="button" onClick={() => void orders.more()}>
          {t.loadMore}
        </button>
      )}
    </Section>
  );
}

function Addresses({ token }: { token: string }) {
  const t = useT();
  const list = useAsync(() => get<AddressList>('/api/customers/me/addresses', token), [token]);
  const [draft, setDraft] = useState<AddressDraft>(emptyAddress());
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const change = async (method: string, path: string, body?: unknown) => {
    setError(undefined);
    setSaved(false);
    try {
      await request(method, path, { token, body });
      list.reload();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    }
  };
  const add = async (event: Event) => {
    event.preventDefault();
    if (await change('POST', '/api/customers/me/addresses', addressOf(draft, (list.data?.addresses.length ?? 0) === 0))) {
      setDraft(emptyAddress());
      setSaved(true);
    }
  };
  const { byField, rest } = errorsFor(error, [...ADDRESS_FIELDS]);
  return (
    <Section title={t.addresses} id="addresses-title">
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.data?.addresses.length === 0 && <p>{t.noAddresses}</p>}
      <ul class="plain-list">
        {list.data?.addresses.map((address) => (
          <li key={address.id}>
            <address>
              {address.recipient}, {address.line1}, {address.city} {address.postalCode}
            </address>
            {address.isDefault ? (
              <span class="badge">{t.defaultAddress}</span>
            ) : (
              <button
                type="button"
                class="link-button"
                onClick={() => void change('PUT', `/api/customers/me/addresses/${address.id}`, { ...stripId(address), isDefault: true })}
              >
                {t.makeDefault}
              </button>
            )}
            <button
              type="button"
              class="link-button"
              aria-label={`${t.deleteAddress}: ${address.line1}`}
              onClick={() => void change('DELETE', `/api/customers/me/addresses/${address.id}`)}
            >
              {t.deleteAddress}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} noValidate aria-labelledby="new-address-title">
        <h3 id="new-address-title">{t.newAddress}</h3>
        <AddressFields idPrefix="account-address" draft={draft} onChange={setDraft} errors={byField} />
        <FormProblem error={error} rest={rest} />
        <button type="submit">{t.saveAddress}</button>
        <p role="status">{saved ? t.addressSaved : ''}</p>
      </form>
    </Section>
  );
}

function stripId<T extends { id: string }>(value: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = value;
  return rest;
}

function Timeline({ token }: { token: string }) {
  const t = useT();
  const lang = useStore(language);
  const timeline = usePaged<ActivityEntry>(
    (cursor) =>
      get<ActivityTimeline>(`/api/activity/me/timeline?${new URLSearchParams({ limit: '20', ...(cursor && { cursor }) })}`, token),
    [token],
  );
  return (
    <Section title={t.timeline} id="timeline-title">
      <ErrorNotice error={timeline.error} onRetry={timeline.reload} />
      {timeline.loading && <Loading />}
      {!timeline.loading && timeline.items.length === 0 && !timeline.error && <p>{t.noActivity}</p>}
      <ol class="timeline">
        {timeline.items.map((entry) => (
          <li key={entry.eventId} data-kind={entry.kind}>
            <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, lang)}</time> {activityText(t, entry)}
          </li>
        ))}
      </ol>
      {timeline.hasMore && (
        <button type="button" onClick={() => void timeline.more()}>
          {t.loadMore}
        </button>
      )}
    </Section>
  );
}

function activityText(t: Dictionary, entry: ActivityEntry) {
  switch (entry.kind) {
    case 'search':
      return t.activitySearch(entry.query, entry.resultCount);
    case 'login':
      return t.activityLogin;
    case 'order':
      return (
        <>
          {t.activityOrder(entry.itemCount, formatMoney(entry.total))} ·{' '}
          <a href={`/orders/${entry.orderId}`}>{orderReference(entry.orderId)}</a>
        </>
      );
    case 'payment':
      return (
        <>
          {t.activityPayment[entry.status]} · {formatMoney(entry.amount)} ·{' '}
          <a href={`/orders/${entry.orderId}`}>{orderReference(entry.orderId)}</a>
        </>
      );
  }
}
