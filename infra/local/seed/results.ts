/**
 * Demo case followed to its end: the library network plan (HEL 2026-000198) as Ahjo records
 * it (handling steps dated around the draft's six weeks of comments and last week's council
 * decision), and the decision's implementation a week in, reported the way a municipality's
 * own system would: by its external ids. Residents follow it, so the notification feeds of the
 * demo users have something to show.
 */
import type { SeedApi } from '#infra/local/seed/client.ts';
import type { SeededDrafts } from '#infra/local/seed/drafts.ts';

/** `n` days from now as Ahjo writes times (Helsinki wall clock, no zone). */
const ahjoDay = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 19);

export async function seedResults(api: SeedApi, drafts: SeededDrafts): Promise<void> {
  const staff = await api.as({ sub: 'demo-staff', name: 'Kaisa Kirjaaja', groups: ['staff'] });
  const aino = await api.as({ sub: 'demo-aino', name: 'Aino Asukas' });
  const erik = await api.as({ sub: 'demo-erik', name: 'Erik Invånare' });

  await staff('POST', '/v1/imports/ahjo/cases', {
    CaseIDLabel: 'HEL 2026-000198',
    CaseID: 'HEL-2026-000198',
    Title: 'Kirjastoverkkosuunnitelma 2027–2035',
    Language: 'fi',
    Status: 'Ratkaistu',
    Created: ahjoDay(-75),
    ClassificationCode: '12 06 00',
    ClassificationTitle: 'Kirjastopalvelut',
    PublicityClass: 'Julkinen',
    Handlings: [
      { WorkSequenceNumber: 1, Sector: 'Kulttuurin ja vapaa-ajan toimiala', SectorID: 'U48', Status: 'Päättynyt', Created: ahjoDay(-75), DateNearestDeadline: '' },
      { WorkSequenceNumber: 2, Sector: 'Keskushallinto', SectorID: 'U50', Status: 'Päättynyt', Created: ahjoDay(-20), DateNearestDeadline: '' },
    ],
    Records: [{
      Title: 'Kirjastoverkkosuunnitelma 2027–2035, esitys', Type: 'esitys', Language: 'fi', PublicityClass: 'Julkinen',
      FileURI: 'https://example.org/ahjo/kirjastoverkkosuunnitelma.pdf', PersonalData: 'Ei sisällä henkilötietoja', Issued: ahjoDay(-14),
    }],
  });

  // Residents follow the open draft; Erik follows the decided one's decision directly.
  await aino('PUT', `/v1/drafts/${drafts.openDraftId}/subscription`);
  const decisions = await staff<{ items: { id: string; draftId: string | null }[] }>('GET', '/v1/decisions?limit=100');
  const decision = decisions.items.find((d) => d.draftId === drafts.closedDraftId) ?? decisions.items[0];
  if (!decision) return;
  await erik('PUT', `/v1/decisions/${decision.id}/subscription`);

  const put = (externalId: string, body: Record<string, unknown>) =>
    staff<{ id: string }>('PUT', `/v1/decisions/${decision.id}/results/by-external-id/${externalId}`, body);
  const branches = await put('KIRJ-2027-01', {
    title: { fi: 'Lähikirjastojen sunnuntaiaukiolo', sv: 'Söndagsöppet i närbiblioteken' },
    description: { fi: 'Valtuuston muutoksen mukaisesti.', sv: 'Enligt fullmäktiges ändring.' },
    startDate: '2027-01-01', endDate: '2027-12-31', weight: 2,
  });
  await put('KIRJ-2027-01a', {
    title: { fi: 'Pohjoinen lähikirjasto', sv: 'Norra närbiblioteket' }, parentId: branches.id,
    status: 'in_progress', progress: 20, note: { fi: 'Sunnuntaivuorot suunniteltu.', sv: 'Söndagsturerna är planerade.' },
  });
  await put('KIRJ-2027-01b', { title: { fi: 'Eteläinen lähikirjasto', sv: 'Södra närbiblioteket' }, parentId: branches.id });
  await put('KIRJ-2027-02', {
    title: { fi: 'Kirjastoauton uusi reitti', sv: 'Bokbussens nya rutt' }, startDate: '2027-03-01',
    status: 'delayed', progress: 5, note: { fi: 'Auton toimitus viivästyy.', sv: 'Leveransen av bussen är försenad.' },
  });
}
