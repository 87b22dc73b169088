// Who acted, as a person: a user, or the user who created the API key that acted. Four-eyes compares
// people, so two keys of one person are one person.
import type { TransactionClient } from '../client.ts';
import { InputError } from '../errors.ts';
import type { TenantScope } from '../scope.ts';

export interface ActingPerson {
  userId: string | null;
  apiKeyId: string | null;
}

export async function actingPerson(tx: TransactionClient, scope: TenantScope): Promise<ActingPerson> {
  if (scope.actor.kind === 'user') return { userId: scope.actor.userId, apiKeyId: null };
  if (scope.actor.kind === 'apiKey') {
    const key = await tx.apiKey.findFirst({
      where: { id: scope.actor.apiKeyId, organizationId: scope.organizationId },
      select: { createdById: true },
    });
    return { userId: key?.createdById ?? null, apiKeyId: scope.actor.apiKeyId };
  }
  return { userId: null, apiKeyId: null };
}

/** A comment that governance requires: trimmed, 3 to 2,000 characters. */
export function requiredComment(comment: string | null | undefined, action: string): string {
  const text = comment?.trim() ?? '';
  if (text.length < 3) throw new InputError('comment', `${action} needs a comment saying why (at least 3 characters)`);
  if (text.length > 2000) throw new InputError('comment', 'at most 2,000 characters');
  return text;
}
