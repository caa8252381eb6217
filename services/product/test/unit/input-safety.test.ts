import { cursorOf, ListProductsQuery, ProductCategory } from '@pasar/contracts';
import { describe, expect, it } from 'vitest';
import { attributeFieldErrors, compileAttributesSchema } from '../../src/domain/attribute-schema.ts';

describe('attribute schemas compiled from category data', () => {
  const category = ProductCategory.parse({
    name: 'gadgets',
    label: 'Gadgets',
    attributes: [
      { key: 'brand', label: 'Brand', type: 'string', required: true, maxLength: 5 },
      { key: 'volts', label: 'Volts', type: 'number', required: false, min: 1, max: 240 },
      { key: 'grade', label: 'Grade', type: 'enum', required: false, values: ['A', 'B'] },
      { key: 'madeOn', label: 'Made on', type: 'date', required: false },
      { key: 'refurbished', label: 'Refurbished', type: 'boolean', required: false },
    ],
  });
  const schema = compileAttributesSchema(category);
  const fieldsOf = (value: unknown) => {
    const result = schema.safeParse(value);
    return result.success
      ? []
      : attributeFieldErrors(result.error, 'gadgets')
          .map((f) => f.field)
          .sort();
  };

  it('when values fit, then they parse', () => {
    expect(schema.parse({ brand: 'Acme', volts: 220.5, grade: 'A', madeOn: '2025-02-28', refurbished: false })).toMatchObject({
      volts: 220.5,
    });
  });

  it('when values break the definition, then every attribute at fault is named', () => {
    expect(fieldsOf({ brand: 'TooLongBrand', volts: 500, grade: 'C', madeOn: '2025-02-30', refurbished: 'no', colour: 'red' })).toEqual([
      'attributes.brand',
      'attributes.colour',
      'attributes.grade',
      'attributes.madeOn',
      'attributes.refurbished',
      'attributes.volts',
    ]);
    expect(fieldsOf({})).toEqual(['attributes.brand']);
  });
});

describe('list cursors', () => {
  it('when a cursor the service gave out comes back, then the query takes it; anything else it refuses', () => {
    const id = '9f1b6a52-0c4e-4b8e-9d55-5e0c1f2a3b4c';

    expect(ListProductsQuery.parse({ cursor: cursorOf(1_772_600_767_089, id) }).cursor).toBe(`1772600767089_${id}`);
    for (const cursor of ['%%%', `1_${id}x`, `1234567890123456_${id}`, 'bm9wZQ']) {
      expect(ListProductsQuery.safeParse({ cursor }).error?.issues.map((issue) => issue.path)).toEqual([['cursor']]);
    }
  });
});
