import type { ProductCategory } from '@pasar/contracts';

/**
 * The categories a fresh store starts with. They are seeded once (existing ones are never
 * overwritten): after that, categories are data in the `categories` collection.
 */
export const defaultCategories: ProductCategory[] = [
  {
    name: 'electronics',
    label: 'Electronics',
    attributes: [
      { key: 'brand', label: 'Brand', type: 'string', required: true, maxLength: 100 },
      { key: 'warrantyMonths', label: 'Warranty (months)', type: 'integer', required: true, min: 0, max: 120 },
      { key: 'model', label: 'Model', type: 'string', required: false, maxLength: 100 },
    ],
  },
  {
    name: 'fashion',
    label: 'Fashion',
    attributes: [
      { key: 'size', label: 'Size', type: 'enum', required: true, values: ['XS', 'S', 'M', 'L', 'XL', 'XXL', 'ALL'] },
      { key: 'colour', label: 'Colour', type: 'string', required: true, maxLength: 50 },
      { key: 'material', label: 'Material', type: 'string', required: false, maxLength: 100 },
    ],
  },
  {
    name: 'food',
    label: 'Food',
    attributes: [
      { key: 'weightGrams', label: 'Weight (g)', type: 'integer', required: true, min: 1, max: 1_000_000 },
      { key: 'expiryDate', label: 'Expiry date', type: 'date', required: true },
      { key: 'halal', label: 'Halal certified', type: 'boolean', required: false },
    ],
  },
  {
    name: 'books',
    label: 'Books',
    attributes: [
      { key: 'author', label: 'Author', type: 'string', required: true, maxLength: 200 },
      { key: 'pages', label: 'Pages', type: 'integer', required: false, min: 1, max: 100_000 },
      { key: 'isbn', label: 'ISBN', type: 'string', required: false, maxLength: 17 },
    ],
  },
];
