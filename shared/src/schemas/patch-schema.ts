/**
 * A PATCH body schema from a settings schema: every field optional, nested objects partial too,
 * and no defaults. (zod's `.partial()` keeps `.default()`s, so a patch of one field would come
 * back filled with defaults and overwrite everything else that is stored.)
 */
import { z } from 'zod';

type Shape = Record<string, z.ZodType>;

function withoutDefaults(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault) return withoutDefaults(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodObject) return patchSchemaOf(schema as z.ZodObject<Shape>);
  return schema;
}

export function patchSchemaOf<S extends Shape>(schema: z.ZodObject<S>): z.ZodObject<{ [K in keyof S]: z.ZodOptional<z.ZodType> }> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, withoutDefaults(field).optional()]),
  ) as { [K in keyof S]: z.ZodOptional<z.ZodType> };
  return z.strictObject(shape);
}
