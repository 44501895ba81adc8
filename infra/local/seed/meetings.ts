/**
 * Demo bodies and meetings: the council and the board under their Ahjo decision-maker ids
 * (02900, 00400), so meetings imported from Ahjo land on them; a council meeting held last
 * week whose published agenda decided the library draft (three weeks after its comments
 * closed), a board meeting next week with the cycling draft on its published agenda, and a
 * council meeting whose agenda staff are still preparing (unpublished).
 */
import type { SeedApi } from '#infra/local/seed/client.ts';
import type { SeededDrafts } from '#infra/local/seed/drafts.ts';

/** `n` days from now at `hour`:00 UTC. */
const day = (n: number, hour: number) => {
  const d = new Date(Date.now() + n * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

interface Meeting {
  id: string;
  version: number;
  agenda: { items: { id: string }[] };
}

export async function seedMeetings(api: SeedApi, drafts: SeededDrafts): Promise<void> {
  const staff = await api.as({ sub: 'demo-staff', name: 'Kaisa Kirjaaja', groups: ['staff'] });
  const council = await staff<{ id: string }>('POST', '/v1/bodies', { name: { fi: 'Kaupunginvaltuusto', sv: 'Stadsfullmäktige' }, kind: 'council', source: { system: 'ahjo', id: '02900' } });
  const board = await staff<{ id: string }>('POST', '/v1/bodies', { name: { fi: 'Kaupunginhallitus', sv: 'Stadsstyrelsen' }, kind: 'board', source: { system: 'ahjo', id: '00400' } });
  const hall = { fi: 'Kaupungintalo, valtuustosali', sv: 'Stadshuset, fullmäktigesalen' };
  const agenda = async (meeting: Meeting, items: unknown[]) =>
    staff<Meeting>('PUT', `/v1/meetings/${meeting.id}/agenda`, { items }, { 'if-match': `"${meeting.version}"` });

  const held = await staff<Meeting>('POST', '/v1/meetings', {
    bodyId: council.id, startsAt: day(-7, 15), endsAt: day(-7, 19), location: hall,
    title: { fi: 'Valtuuston kokous 3/2026', sv: 'Fullmäktiges sammanträde 3/2026' },
  });
  const heldAgenda = await agenda(held, [
    { title: { fi: 'Kokouksen laillisuus ja päätösvaltaisuus', sv: 'Mötets laglighet och beslutförhet' } },
    {
      title: { fi: 'Kirjastoverkkosuunnitelma 2027–2035', sv: 'Biblioteksnätsplan 2027–2035' },
      proposal: { fi: 'Valtuusto hyväksyy kirjastoverkkosuunnitelman.', sv: 'Fullmäktige godkänner biblioteksnätsplanen.' },
      draftId: drafts.closedDraftId,
      caseId: 'HEL 2026-000198',
    },
  ]);
  await staff('POST', `/v1/meetings/${held.id}/agenda/publish`);
  await staff('POST', `/v1/meetings/${held.id}/items/${heldAgenda.agenda.items[1]!.id}/decision`, {
    outcome: 'amended',
    text: {
      fi: 'Valtuusto hyväksyi suunnitelman muutettuna niin, että lähikirjastot ovat auki myös sunnuntaisin.',
      sv: 'Fullmäktige godkände planen med ändringen att närbiblioteken håller öppet även på söndagar.',
    },
    votes: { for: 51, against: 24, abstain: 4, absent: 6 },
  });

  const next = await staff<Meeting>('POST', '/v1/meetings', {
    bodyId: board.id, startsAt: day(7, 14), location: { fi: 'Kaupungintalo, hallituksen kokoushuone', sv: 'Stadshuset, styrelsens mötesrum' },
    title: { fi: 'Kaupunginhallituksen kokous 12/2026', sv: 'Stadsstyrelsens sammanträde 12/2026' },
  });
  await agenda(next, [
    { title: { fi: 'Kokouksen laillisuus ja päätösvaltaisuus', sv: 'Mötets laglighet och beslutförhet' } },
    {
      title: { fi: 'Keskustan pyöräilyverkon kehittämisohjelma 2027–2030', sv: 'Utvecklingsprogram för cykelnätet i centrum 2027–2030' },
      summary: { fi: 'Lausuntokierros on auki; kommentit otetaan huomioon esityksessä.', sv: 'Remissrundan pågår; kommentarerna beaktas i förslaget.' },
      draftId: drafts.openDraftId,
      caseId: 'HEL 2026-000412',
    },
  ]);
  await staff('POST', `/v1/meetings/${next.id}/agenda/publish`);

  const preparing = await staff<Meeting>('POST', '/v1/meetings', {
    bodyId: council.id, startsAt: day(28, 15), location: hall,
    title: { fi: 'Valtuuston kokous 4/2026', sv: 'Fullmäktiges sammanträde 4/2026' },
  });
  await agenda(preparing, [{ title: { fi: 'Talousarvion toteutuminen', sv: 'Budgetutfallet' } }]);
}
