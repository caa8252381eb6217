import { ProductCategory } from '@pasar/contracts';
import { AppError, type Logger } from '@pasar/service-kit';
import type { CategoriesRepository } from '../data-access/categories-repository.ts';
import { attributeFieldErrors, compileAttributesSchema, type AttributesSchema } from './attribute-schema.ts';

interface CompiledCategory {
  definition: ProductCategory;
  attributes: AttributesSchema;
}

/**
 * The categories, read from the store and compiled to zod, cached for `cacheMs` so a write does not
 * read them each time. A definition that does not parse is skipped (and logged), not fatal.
 */
export class CategoryCatalog {
  private cached: { at: number; byName: Map<string, CompiledCategory> } | undefined;
  private readonly repository: CategoriesRepository;
  private readonly logger: Logger;
  private readonly cacheMs: number;

  constructor(repository: CategoriesRepository, logger: Logger, cacheMs: number) {
    this.repository = repository;
    this.logger = logger;
    this.cacheMs = cacheMs;
  }

  async list(): Promise<ProductCategory[]> {
    return [...(await this.load()).values()].map((category) => category.definition);
  }

  /**
   * The attributes, parsed against the category: a 422 naming `category` or each `attributes.<key>`
   * at fault (the request fits its schema; the category, which is data, refuses it).
   */
  async validateAttributes(categoryName: string, attributes: unknown): Promise<Record<string, string | number | boolean>> {
    const category = (await this.load()).get(categoryName) ?? (await this.load(1000)).get(categoryName);
    if (!category) throw AppError.unprocessable(`Unknown category "${categoryName}"`, [{ field: 'category', message: `unknown category "${categoryName}"` }]);
    const result = category.attributes.safeParse(attributes);
    if (result.success) return result.data;
    const fields = attributeFieldErrors(result.error, categoryName);
    throw AppError.unprocessable(`Invalid attributes for category "${categoryName}": ${fields.map((f) => f.field).join(', ')}`, fields);
  }

  /** `maxAgeMs` lower than the cache time: a name not found may be a category added since. */
  private async load(maxAgeMs = this.cacheMs): Promise<Map<string, CompiledCategory>> {
    if (this.cached && Date.now() - this.cached.at < maxAgeMs) return this.cached.byName;
    const byName = new Map<string, CompiledCategory>();
    for (const stored of await this.repository.findAll()) {
      const parsed = ProductCategory.safeParse(stored);
      if (!parsed.success) {
        this.logger.error({ category: stored.name, issues: parsed.error.issues }, 'skipping a category whose definition is invalid');
        continue;
      }
      byName.set(parsed.data.name, { definition: parsed.data, attributes: compileAttributesSchema(parsed.data) });
    }
    this.cached = { at: Date.now(), byName };
    return byName;
  }
}
