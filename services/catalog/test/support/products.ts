import { randomUUID } from 'node:crypto';
import type { ProductSnapshot } from '@pasar/contracts';

/** A valid product snapshot; every test overrides what it is about. */
export function aProduct(overrides: Partial<ProductSnapshot> = {}): ProductSnapshot {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    sku: `SKU-${randomUUID().slice(0, 8).toUpperCase()}`,
    name: 'Teh Melati',
    description: 'Teh hijau dengan bunga melati.',
    category: 'minuman',
    price: { amount: 25_000, currency: 'IDR' },
    stock: 10,
    images: ['https://img.example/teh.jpg'],
    active: true,
    attributes: {},
    createdAt: now,
    updatedAt: now,
    revision: 1,
    ...overrides,
  };
}

const categories = ['kopi', 'teh', 'rempah', 'camilan', 'peralatan-dapur', 'sambal', 'beras', 'madu'];
const brands = ['Acme', 'Nusantara', 'Sumber Rasa', 'Pelangi', 'Kencana', 'Merapi'];
const origins = ['Aceh', 'Toraja', 'Flores', 'Bali', 'Java', 'Papua', 'Sumatra'];
const nouns = ['Arabika', 'Robusta', 'Melati', 'Kayu Manis', 'Keripik', 'Wajan', 'Cabai', 'Pandan', 'Hutan', 'Kelapa'];
const adjectives = ['Premium', 'Organik', 'Pedas', 'Manis', 'Segar', 'Klasik', 'Spesial', 'Asli'];

/** n deterministic products across several categories, brands and prices (for the benchmark). */
export function generatedProducts(n: number): ProductSnapshot[] {
  const base = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const pick = <T,>(list: T[], salt: number) => list[(i * salt + salt) % list.length]!;
    const category = pick(categories, 7);
    const origin = pick(origins, 11);
    return aProduct({
      sku: `GEN-${String(i).padStart(6, '0')}`,
      name: `${pick(nouns, 3)} ${pick(adjectives, 5)} ${origin} ${i}`,
      description: `${pick(adjectives, 13)} ${pick(nouns, 17)} dari ${origin}, kategori ${category}.`,
      category,
      price: { amount: 5_000 + ((i * 7919) % 200) * 5_000, currency: 'IDR' },
      stock: i % 9 === 0 ? 0 : (i * 31) % 120,
      attributes: { brand: pick(brands, 19), origin, weightGrams: 100 + (i % 10) * 50 },
      createdAt: new Date(base + i * 60_000).toISOString(),
      updatedAt: new Date(base + i * 60_000).toISOString(),
    });
  });
}
