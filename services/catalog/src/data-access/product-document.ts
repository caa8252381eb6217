import type { CatalogProduct, ProductSnapshot } from '@pasar/contracts';

/** Joins an attribute's name and value in one keyword: invisible, and never typed by anyone. */
const PAIR_SEPARATOR = '\u001f';
const MAX_SUGGESTION_STARTS = 6;

/** What the index holds for a product customers may find. */
export interface ProductDocument {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  priceAmount: number;
  currency: string;
  stock: number;
  inStock: boolean;
  images: string[];
  attributes: CatalogProduct['attributes'];
  /** `name<US>value` per attribute: filters and the attribute facet in one field. */
  attributePairs: string[];
  attributeText: string[];
  suggest: { input: string[]; weight: number };
  visible: true;
  createdAt: string;
  updatedAt: string;
  revision: number;
}

/**
 * A deleted or inactive product stays as a hidden stub rather than being deleted, so its external
 * version (the revision) survives and an older message can never bring it back.
 */
export interface HiddenDocument {
  id: string;
  visible: false;
  revision: number;
}

export type IndexDocument = ProductDocument | HiddenDocument;

export function visibleDocumentOf(product: ProductSnapshot): ProductDocument {
  const attributes = Object.entries(product.attributes);
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description,
    category: product.category,
    priceAmount: product.price.amount,
    currency: product.price.currency,
    stock: product.stock,
    inStock: product.stock > 0,
    images: product.images,
    attributes: product.attributes,
    attributePairs: attributes.map(([name, value]) => attributePair(name, String(value))),
    attributeText: attributes.filter(([, value]) => typeof value !== 'boolean').map(([, value]) => String(value)),
    suggest: { input: suggestionInputsOf(product), weight: product.stock > 0 ? 2 : 1 },
    visible: true,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    revision: product.revision,
  };
}

export function hiddenDocumentOf(productId: string, revision: number): HiddenDocument {
  return { id: productId, visible: false, revision };
}

export function catalogProductOf(document: ProductDocument): CatalogProduct {
  return {
    id: document.id,
    sku: document.sku,
    name: document.name,
    description: document.description,
    category: document.category,
    price: { amount: document.priceAmount, currency: document.currency },
    stock: document.stock,
    inStock: document.inStock,
    images: document.images,
    attributes: document.attributes,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

export function attributePair(name: string, value: string): string {
  return `${name}${PAIR_SEPARATOR}${value}`;
}

export function splitAttributePair(pair: string): { name: string; value: string } | undefined {
  const at = pair.indexOf(PAIR_SEPARATOR);
  return at < 0 ? undefined : { name: pair.slice(0, at), value: pair.slice(at + 1) };
}

/**
 * The completion suggester matches from the start of an input only, so the name is offered from
 * each of its first words ("Kopi Gayo Arabika", "Gayo Arabika", "Arabika"), plus the SKU.
 */
function suggestionInputsOf(product: ProductSnapshot): string[] {
  const words = clean(product.name).split(/\s+/).filter(Boolean);
  const starts = words.slice(0, MAX_SUGGESTION_STARTS).map((_, at) => words.slice(at).join(' '));
  return [...new Set([...starts, clean(product.sku)])].filter(Boolean);
}

/** The completion field reserves a few control characters. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f]/g, ' ').trim();
}
