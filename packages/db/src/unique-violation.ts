// PostgreSQL's unique-index refusal as Prisma reports it: two writers raced for one key, and the
// repositories answer the loser with a ConflictError naming the field.
import { Prisma } from './generated/prisma/client.ts';

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
