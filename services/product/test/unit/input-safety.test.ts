import { ProductCategory } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { attributeFieldErrors, compileAttributesSchema } from '../../src/domain/attribute-schema.ts';
import { decodeCursor, encodeCursor } from '../../src/domain/cursor.ts';
import { operatorKeys } from '../../src/routes/safe-keys.ts';

describe('operator keys', () => {
  it('when keys start with $ or contain a dot at any depth, then each is named by its path', () => {
    const input = { name: 'ok', attributes: { $gt: 1, 'a.b': 2, nested: [{ $where: 'x' }] }, price: { amount: 1 } };

    expect(operatorKeys(input, []).map((f) => f.field)).toEqual(['attributes.$gt', 'attributes.a.b', 'attributes.nested.0.$where']);
  });

  it('when the input has none (or is not an object), then nothing is named', () => {
    expect(operatorKeys({ sku: 'A.B-$1', tags: ['$x'] }, [])).toEqual([]);
    expect(operatorKeys(undefined, ['query'])).toEqual([]);
  });
});

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
    return result.success ? [] : attributeFieldErrors(result.error, 'gadgets').map((f) => f.field).sort();
  };

  it('when values fit, then they parse', () => {
    expect(schema.parse({ brand: 'Acme', volts: 220.5, grade: 'A', madeOn: '2025-02-28', refurbished: false })).toMatchObject({ volts: 220.5 });
  });

  it('when values break the definition, then every attribute at fault is named', () => {
    expect(fieldsOf({ brand: 'TooLongBrand', volts: 500, grade: 'C', madeOn: '2025-02-30', refurbished: 'no', colour: 'red' }))
      .toEqual(['attributes.brand', 'attributes.colour', 'attributes.grade', 'attributes.madeOn', 'attributes.refurbished', 'attributes.volts']);
    expect(fieldsOf({})).toEqual(['attributes.brand']);
  });
});

describe('opaque cursors', () => {
  const Position = z.object({ i: z.uuid() });

  it('when a cursor the service gave out comes back, then it decodes to the same position', () => {
    const position = { i: '9f1b6a52-0c4e-4b8e-9d55-5e0c1f2a3b4c' };

    expect(decodeCursor(encodeCursor(position), Position, 'cursor')).toEqual(position);
  });

  it('when a cursor is garbage or has another shape, then it is a 400 naming the field', () => {
    for (const cursor of ['%%%', encodeCursor({ i: 'not-a-uuid' }), encodeCursor([1, 2])]) {
      const error = (() => { try { decodeCursor(cursor, Position, 'query.cursor'); } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fieldErrors).toEqual([{ field: 'query.cursor', message: expect.any(String) }]);
    }
  });
});
