/** Pure rules of participation: who may take part in a draft under its commenting mode. */
import { isStaff, type Actor } from '#shared/http/actor.ts';
import { conflict, strongIdentificationRequired, unauthorized, validationFailed, type Problem } from '#shared/http/problem.ts';
import type { CommentingMode } from '#shared/drafts/schema.ts';

/** Who spoke: a name given but not verified, a signed-in resident, a strongly identified one, or staff. */
export type AuthorKind = 'anonymous' | 'resident' | 'strong' | 'staff';

export interface Participant {
  /** Absent for anonymous participation. */
  sub?: string;
  name: string;
  kind: AuthorKind;
  /** On `strong` drafts: the strongly identified person, whichever account they use. */
  person?: string;
}

/** The kind of author a signed-in caller speaks as. */
export const authorKind = (actor: Actor): AuthorKind => (isStaff(actor) ? 'staff' : actor.strong ? 'strong' : 'resident');

/**
 * The participant a request speaks for under `mode`, or the problem that stops it:
 * `registered` needs a token, `strong` a strongly identified one, `anonymous` takes an
 * `authorName` when no token is sent, `none` takes nobody.
 */
export function participant(mode: CommentingMode, actor: Actor | undefined, authorName?: string): Participant | Problem {
  if (mode === 'none') return conflict('participation-closed', 'Participation is closed', 'This draft does not take comments.');
  if (mode === 'anonymous' && !actor) {
    return authorName
      ? { name: authorName, kind: 'anonymous' }
      : validationFailed([{ path: 'body.authorName', message: 'required when commenting without signing in' }]);
  }
  if (!actor) return unauthorized();
  if (mode === 'strong' && !actor.strong) return strongIdentificationRequired();
  if (mode === 'strong' && !actor.person) return strongIdentificationRequired('The strong identification carries no person identifier.');
  return { sub: actor.sub, name: actor.name, kind: authorKind(actor), ...(mode === 'strong' ? { person: actor.person } : {}) };
}
