import { ProductCategory } from '@pasar/contracts';
import { AppError, type Logger } from '@pasar/service-kit';
import type { CategoriesRepository } from '../data-access/categories-repository.ts';
import { attributeFieldErrors, compileAttributesSchema, type AttributesSchema } from './attribute-schema.ts';

interface CompiledCategory {
  definition: ProductCategory;
  attributes: AttributesSchema;
}

export interface CategoryCatalogDeps {
  repository: CategoriesRepository;
  logger: Logger;
  /** How long the compiled categories are kept before they are read again. */
  cacheMs: number;
}

export type CategoryCatalog = ReturnType<typeof createCategoryCatalog>;

/**
 * The categories, read from the store and compiled to zod, cached for `cacheMs` so a write does not
 * read them each time. A definition that does not parse is skipped (and logged), not fatal.
 */
export function createCategoryCatalog(deps: CategoryCatalogDeps) {
  const { repository, logger, cacheMs } = deps;
  let cached: { at: number; byName: Map<string, CompiledCategory> } | undefined;

  /** `maxAgeMs` lower than the cache time: a name not found may be a category added since. */
  async function load(maxAgeMs = cacheMs): Promise<Map<string, CompiledCategory>> {
    if (cached && Date.now() - cached.at < maxAgeMs) return cached.byName;
    const byName = new Map<string, CompiledCategory>();
    for (const stored of await repository.findAll()) {
      const parsed = ProductCategory.safeParse(stored);
      if (!parsed.success) {
        logger.error({ category: stored.name, issues: parsed.error.issues }, 'skipping a category whose definition is invalid');
        continue;
      }
      byName.set(parsed.data.name, { definition: parsed.data, attributes: compileAttributesSchema(parsed.data) });
    }
    cached = { at: Date.now(), byName };
    return byName;
  }

  return {
    async list(): Promise<ProductCategory[]> {
      return [...(await load()).values()].map((category) => category.definition);
    },

    /**
     * The attributes, parsed against the category: a 422 naming `category` or each `attributes.<key>`
     * at fault (the request fits its schema; the category, which is data, refuses it).
     */
    async validateAttributes(categoryName: string, attributes: unknown): Promise<Record<string, string | number | boolean>> {
      const category = (await load()).get(categoryName) ?? (await load(1000)).get(categoryName);
      if (!category)
        throw AppError.unprocessable(`Unknown category "${categoryName}"`, [
          { field: 'category', message: `unknown category "${categoryName}"` },
        ]);
      const result = category.attributes.safeParse(attributes);
      if (result.success) return result.data;
      const fields = attributeFieldErrors(result.error, categoryName);
      throw AppError.unprocessable(`Invalid attributes for category "${categoryName}": ${fields.map((f) => f.field).join(', ')}`, fields);
    },
  };
}
