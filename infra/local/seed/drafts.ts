/**
 * Demo drafts of a bilingual (fi/sv) municipality: one open with a discussion (on the map:
 * its area, a section's route and a located comment), one that was
 * open for six weeks and closed three weeks ago (decided since: meetings.ts), one scheduled,
 * one unpublished. Case ids are spelled as Ahjo spells them.
 */
import type { SeedApi } from '#infra/local/seed/client.ts';
import { closedBack } from '#infra/local/seed/history.ts';

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

export interface SeededDrafts {
  openDraftId: string;
  closedDraftId: string;
}

export async function seedDrafts(api: SeedApi): Promise<SeededDrafts> {
  const staff = await api.as({ sub: 'demo-staff', name: 'Kaisa Kirjaaja', groups: ['staff'] });
  const aino = await api.as({ sub: 'demo-aino', name: 'Aino Asukas' });
  const erik = await api.as({ sub: 'demo-erik', name: 'Erik Invånare' });
  const lotta = await api.as({ sub: 'demo-lotta', name: 'Lotta Lindqvist', strong: true });

  const open = await staff<{ id: string; sections: { id: string }[] }>('POST', '/v1/drafts', {
    title: { fi: 'Keskustan pyöräilyverkon kehittämisohjelma 2027–2030', sv: 'Utvecklingsprogram för cykelnätet i centrum 2027–2030' },
    summary: {
      fi: 'Ohjelma linjaa, miten keskustan pyöräreitit yhdistetään ja talvikunnossapito parannetaan.',
      sv: 'Programmet drar upp riktlinjer för hur cykelrutterna i centrum förenas och vinterunderhållet förbättras.',
    },
    caseId: 'HEL 2026-000412',
    tags: ['liikenne', 'trafik'],
    // The city centre between the railway station, the Market Square and the shore.
    geometry: {
      type: 'Polygon',
      coordinates: [[[24.9354, 60.1655], [24.9565, 60.1655], [24.9565, 60.1735], [24.9354, 60.1735], [24.9354, 60.1655]]],
    },
    mapCommenting: true,
    sections: [
      {
        title: { fi: 'Pääreitit', sv: 'Huvudrutter' },
        geometry: { type: 'LineString', coordinates: [[24.9414, 60.1710], [24.9470, 60.1690], [24.9525, 60.1675]] },
        body: {
          fi: 'Rantaraitti ja asemalta torille johtava reitti rakennetaan yksisuuntaisiksi pyöräteiksi vuoteen 2028 mennessä.',
          sv: 'Strandpromenaden och rutten från stationen till torget byggs om till enkelriktade cykelbanor före 2028.',
        },
      },
      {
        title: { fi: 'Talvikunnossapito', sv: 'Vinterunderhåll' },
        body: {
          fi: 'Pääreitit harjasuolataan, ja ne aurataan ennen kello seitsemää aamulla.',
          sv: 'Huvudrutterna borstsaltas och plogas före klockan sju på morgonen.',
        },
      },
      {
        title: { fi: 'Pyöräpysäköinti', sv: 'Cykelparkering' },
        body: { fi: 'Asemalle rakennetaan 400 katettua pyöräpaikkaa.', sv: 'Vid stationen byggs 400 tak försedda cykelplatser.' },
      },
    ],
  });
  await staff('POST', `/v1/drafts/${open.id}/publish`, { closesAt: days(21) });
  const [routes, winter] = open.sections;
  const first = await aino<{ id: string }>('POST', `/v1/drafts/${open.id}/comments`, {
    sectionId: routes!.id,
    body: 'Rantaraitti on jo nyt ruuhkainen kesäisin. Erottakaa jalankulkijat ja pyöräilijät selvästi.',
    location: { type: 'Point', coordinates: [24.9530, 60.1672] },
  });
  await erik('POST', `/v1/drafts/${open.id}/comments`, {
    parentId: first.id,
    body: 'Håller med. Och tänk på barnvagnar vid bryggan.',
  });
  await lotta('PUT', `/v1/drafts/${open.id}/comments/${first.id}/vote`);
  await erik('PUT', `/v1/drafts/${open.id}/comments/${first.id}/vote`);
  await lotta('POST', `/v1/drafts/${open.id}/comments`, {
    sectionId: winter!.id,
    body: 'Harjasuolaus on toiminut hyvin muissa kaupungeissa. Kannatan.',
  });
  await erik('POST', `/v1/drafts/${open.id}/comments`, { body: 'Bra program! Kommer det att finnas lånecyklar?' });

  const closed = await staff<{ id: string; sections: { id: string }[] }>('POST', '/v1/drafts', {
    title: { fi: 'Kirjastoverkkosuunnitelma 2027–2035', sv: 'Biblioteksnätsplan 2027–2035' },
    summary: { fi: 'Lähikirjastojen aukioloajat ja omatoimikirjastot.', sv: 'Närbibliotekens öppettider och meröppna bibliotek.' },
    caseId: 'HEL 2026-000198',
    tags: ['kulttuuri', 'kultur'],
    sections: [
      {
        title: { fi: 'Omatoimiaukiolo', sv: 'Meröppet' },
        body: { fi: 'Kaikki lähikirjastot siirtyvät omatoimiaukioloon iltaisin.', sv: 'Alla närbibliotek övergår till meröppet på kvällarna.' },
      },
    ],
  });
  // Open for comments from two months ago; history.ts dates its close three weeks back.
  await staff('POST', `/v1/drafts/${closed.id}/publish`, { opensAt: days(-60), closesAt: days(1) });
  await aino('POST', `/v1/drafts/${closed.id}/comments`, { body: 'Omatoimiaukiolo on loistava asia opiskelijoille.' });
  await staff('POST', `/v1/drafts/${closed.id}/close`);
  await closedBack(closed.id, days(-21), days(-40));

  const scheduled = await staff<{ id: string }>('POST', '/v1/drafts', {
    title: { fi: 'Lasten ja nuorten liikuntapaikkaohjelma', sv: 'Program för barns och ungas idrottsplatser' },
    commenting: 'strong',
    sections: [
      {
        title: { fi: 'Lähiliikuntapaikat', sv: 'Närmotionsplatser' },
        body: { fi: 'Jokaiseen kouluun lähiliikuntapaikka vuoteen 2030 mennessä.', sv: 'En närmotionsplats vid varje skola före 2030.' },
      },
    ],
  });
  await staff('POST', `/v1/drafts/${scheduled.id}/publish`, { opensAt: days(7), closesAt: days(40) });

  await staff('POST', '/v1/drafts', {
    title: { fi: 'Hulevesiohjelma (valmisteilla)', sv: 'Dagvattenprogram (under beredning)' },
    sections: [{ title: { fi: 'Tavoitteet', sv: 'Mål' }, body: { fi: 'Luonnos.', sv: 'Utkast.' } }],
  });

  return { openDraftId: open.id, closedDraftId: closed.id };
}
