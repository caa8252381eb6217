import type { ProductCategory, ProductResponse } from '@pasar/contracts';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorsFor, get } from '../api.ts';
import { addToCart, MAX_QUANTITY } from '../cart.ts';
import { loadCategories } from '../categories.ts';
import { attributeLabel, categoryLabel, useT, type Dictionary } from '../i18n.ts';
import { useAsync } from '../use-async.ts';
import { ErrorNotice, Field, FormProblem, Loading, Price, ProductImage, StockBadge } from '../components/ui.tsx';

export function ProductPage({ id }: { id: string }) {
  const t = useT();
  const product = useAsync(() => get<ProductResponse>(`/api/products/${encodeURIComponent(id)}`), [id]);
  const [categories, setCategories] = useState<ProductCategory[]>([]);
  useEffect(() => void loadCategories().then(setCategories, () => undefined), []);
  useEffect(() => {
    if (product.data) document.title = `${product.data.name} · Pasar`;
  }, [product.data]);

  if (product.error instanceof ApiError && product.error.status === 404) return <NotForSale />;
  if (product.error) return <ErrorNotice error={product.error} onRetry={product.reload} />;
  const data = product.data;
  if (!data) return <Loading />;
  if (!data.active) return <NotForSale />;
  const category = categories.find((c) => c.name === data.category);
  return (
    <article class="product-page">
      <ProductImage src={data.images[0]} name={data.name} size="large" />
      <div class="product-details">
        <p class="category">{categoryLabel(t, data.category, category?.label)}</p>
        <h1>{data.name}</h1>
        <p class="product-price">
          <Price money={data.price} />
        </p>
        <p>
          <StockBadge stock={data.stock} />
        </p>
        {data.stock > 0 && <AddToCart product={data} />}
        {data.description && <p class="description">{data.description}</p>}
        <Attributes product={data} category={category} t={t} />
      </div>
    </article>
  );
}

function NotForSale() {
  const t = useT();
  return (
    <div>
      <h1>{t.notFound}</h1>
      <p>{t.productNotFound}</p>
      <a href="/">{t.backHome}</a>
    </div>
  );
}

function Attributes({ product, category, t }: { product: ProductResponse; category: ProductCategory | undefined; t: Dictionary }) {
  const keys = category
    ? category.attributes.map((a) => a.key).filter((key) => key in product.attributes)
    : Object.keys(product.attributes);
  if (keys.length === 0) return null;
  const labelOf = (key: string) => attributeLabel(t, key, category?.attributes.find((a) => a.key === key)?.label);
  const valueOf = (value: unknown) => (value === true ? t.yes : value === false ? t.no : String(value));
  return (
    <section aria-labelledby="specifications">
      <h2 id="specifications">{t.specifications}</h2>
      <dl class="attributes">
        {keys.map((key) => (
          <div key={key}>
            <dt>{labelOf(key)}</dt>
            <dd>{valueOf(product.attributes[key])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function AddToCart({ product }: { product: ProductResponse }) {
  const t = useT();
  const [quantity, setQuantity] = useState('1');
  const [error, setError] = useState<unknown>();
  const [added, setAdded] = useState<number>();
  const [busy, setBusy] = useState(false);
  const max = Math.min(product.stock, MAX_QUANTITY);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setAdded(undefined);
    const count = Number(quantity);
    if (!Number.isInteger(count) || count < 1 || count > max) {
      setError(new ApiError(400, 'Bad Request', undefined, [{ field: 'quantity', message: `1–${max}` }]));
      return;
    }
    setBusy(true);
    try {
      await addToCart(product, count);
      setAdded(count);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const { byField, rest } = errorsFor(error, ['quantity']);
  return (
    <form class="add-to-cart" onSubmit={submit} noValidate>
      <Field
        id="quantity"
        label={t.quantity}
        type="number"
        inputMode="numeric"
        value={quantity}
        onInput={setQuantity}
        error={byField.quantity}
      />
      <button type="submit" disabled={busy}>
        {t.addToCart}
      </button>
      <FormProblem error={error} rest={rest} />
      <p role="status" class="added">
        {added !== undefined && (
          <>
            {t.addedToCart(added)} <a href="/cart">{t.viewCart}</a>
          </>
        )}
      </p>
    </form>
  );
}
