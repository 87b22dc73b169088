// JSON columns of the risk tables: domain values in, domain values out (the shapes are ours, written
// only by this package, so reading them back is a cast, not a parse).
import type { Prisma } from '../../generated/prisma/client.ts';

export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

export function fromJson<T>(value: Prisma.JsonValue): T {
  return value as unknown as T;
}
