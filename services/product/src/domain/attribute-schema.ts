import type { CategoryAttribute, ProductCategory } from '@pasar/contracts';
import type { FieldError } from '@pasar/service-kit';
import { z } from 'zod';

export type AttributesSchema = z.ZodType<Record<string, string | number | boolean>>;

/** Turns a category definition (data) into the zod schema of its products' attributes. */
export function compileAttributesSchema(category: ProductCategory): AttributesSchema {
  const shape = Object.fromEntries(
    category.attributes.map((attribute) => {
      const schema = valueSchema(attribute);
      return [attribute.key, attribute.required ? schema : schema.optional()];
    }),
  );
  return z.strictObject(shape) as unknown as AttributesSchema;
}

function valueSchema(attribute: CategoryAttribute): z.ZodType<string | number | boolean> {
  switch (attribute.type) {
    case 'string':
      return z
        .string()
        .trim()
        .min(1)
        .max(attribute.maxLength ?? 200);
    case 'integer':
      return withBounds(z.number().int(), attribute);
    case 'number':
      return withBounds(z.number(), attribute);
    case 'boolean':
      return z.boolean();
    case 'date':
      return z.iso.date();
    case 'enum':
      return z.enum(attribute.values as [string, ...string[]]);
  }
}

function withBounds(schema: z.ZodNumber, bounds: { min?: number | undefined; max?: number | undefined }): z.ZodNumber {
  const withMin = bounds.min === undefined ? schema : schema.min(bounds.min);
  return bounds.max === undefined ? withMin : withMin.max(bounds.max);
}

/** `attributes.<key>` for each problem, including one per key the category does not define. */
export function attributeFieldErrors(error: z.ZodError, categoryName: string): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: `attributes.${key}`, message: `not an attribute of category "${categoryName}"` }));
    }
    return [{ field: ['attributes', ...issue.path.map(String)].join('.'), message: issue.message }];
  });
}
