/** Reading one family's state out of a model: the model itself, or that member of a fusion. */
import type { FamilyKind, FamilyStates, ModelState } from '../families/types.ts';

export function memberState<K extends FamilyKind>(model: ModelState, kind: K): FamilyStates[K] | null {
  if (model.kind === kind) return model.state as FamilyStates[K];
  if (model.kind !== 'fusion') return null;
  const member = model.state.members.find((m) => m.model.kind === kind);
  return member ? (member.model.state as FamilyStates[K]) : null;
}
