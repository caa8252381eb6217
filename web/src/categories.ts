import type { ListCategoriesResponse, ProductCategory } from '@pasar/contracts';
import { get } from './api.ts';

let categories: Promise<ProductCategory[]> | undefined;

/** The categories and their attributes' labels: read once, again only after a failure. */
export function loadCategories(): Promise<ProductCategory[]> {
  categories ??= get<ListCategoriesResponse>('/api/categories').then(
    (answer) => answer.categories,
    (error: unknown) => {
      categories = undefined;
      throw error;
    },
  );
  return categories;
}

/** Every attribute's label by its key, over all categories (a key means the same in each). */
export function attributeLabels(all: readonly ProductCategory[]): Record<string, string> {
  return Object.fromEntries(all.flatMap((category) => category.attributes.map((attribute) => [attribute.key, attribute.label])));
}
