/**
 * What SES reports back (through EventBridge): a permanent bounce or a complaint turns
 * e-mail off for every resident with that address. A transient bounce changes nothing (SES
 * retries it). The address itself is only looked up, never stored.
 */
import { turnOffAddress } from '#shared/mail/preferences.ts';

interface Recipient {
  emailAddress?: unknown;
}

export interface SesEventDetail {
  eventType?: string;
  bounce?: { bounceType?: string; bouncedRecipients?: Recipient[] };
  complaint?: { complainedRecipients?: Recipient[] };
}

/** The addresses an SES event says must get no more mail (pure). */
export function addressesToTurnOff(detail: SesEventDetail): string[] {
  const recipients = detail.bounce
    ? (detail.bounce.bounceType === 'Permanent' ? detail.bounce.bouncedRecipients ?? [] : [])
    : detail.complaint?.complainedRecipients ?? [];
  return [...new Set(recipients.map((r) => r.emailAddress).filter((a): a is string => typeof a === 'string' && a.includes('@')))];
}

/** Turns e-mail off for the event's addresses; answers how many residents it turned off. */
export async function handleSesEvent(detail: SesEventDetail): Promise<number> {
  let turned = 0;
  for (const address of addressesToTurnOff(detail)) turned += await turnOffAddress(address);
  return turned;
}
