/**
 * Demo implementation of the seeded council decision (the library network plan): a small
 * tree of results at different stages, with a timeline, and residents following it, so the
 * notification feeds of the demo users have something to show.
 */
import type { SeedApi } from '#infra/local/seed/client.ts';
import type { SeededDrafts } from '#infra/local/seed/drafts.ts';

interface Result {
  id: string;
  version: number;
}

export async function seedResults(api: SeedApi, drafts: SeededDrafts): Promise<void> {
  const staff = await api.as({ sub: 'demo-staff', name: 'Kaisa Kirjaaja', groups: ['staff'] });
  const aino = await api.as({ sub: 'demo-aino', name: 'Aino Asukas' });
  const erik = await api.as({ sub: 'demo-erik', name: 'Erik Invånare' });

  // Residents follow the open draft; Erik follows the decided one's decision directly.
  await aino('PUT', `/v1/drafts/${drafts.openDraftId}/subscription`);
  const decisions = await staff<{ items: { id: string; draftId: string | null }[] }>('GET', '/v1/decisions?limit=100');
  const decision = decisions.items.find((d) => d.draftId === drafts.closedDraftId) ?? decisions.items[0];
  if (!decision) return;
  await erik('PUT', `/v1/decisions/${decision.id}/subscription`);

  const results = `/v1/decisions/${decision.id}/results`;
  const add = (body: Record<string, unknown>) => staff<Result>('POST', results, body);
  const report = (r: Result, body: Record<string, unknown>) =>
    staff<Result>('PATCH', `${results}/${r.id}`, body, { 'if-match': `"${r.version}"` });

  const branches = await add({
    title: { fi: 'Lähikirjastojen sunnuntaiaukiolo', sv: 'Söndagsöppet i närbiblioteken' },
    description: { fi: 'Valtuuston muutoksen mukaisesti.', sv: 'Enligt fullmäktiges ändring.' },
    startDate: '2027-01-01', endDate: '2027-12-31', weight: 2,
  });
  const north = await add({ title: { fi: 'Pohjoinen lähikirjasto', sv: 'Norra närbiblioteket' }, parentId: branches.id });
  const south = await add({ title: { fi: 'Eteläinen lähikirjasto', sv: 'Södra närbiblioteket' }, parentId: branches.id });
  const mobile = await add({ title: { fi: 'Kirjastoauton uusi reitti', sv: 'Bokbussens nya rutt' }, startDate: '2027-03-01' });

  await report(north, { status: 'completed', progress: 100, note: { fi: 'Sunnuntaiaukiolo alkoi.', sv: 'Söndagsöppet har börjat.' } });
  await report(south, { status: 'in_progress', progress: 40, note: { fi: 'Henkilöstön rekrytointi käynnissä.', sv: 'Rekryteringen av personal pågår.' } });
  await report(mobile, { status: 'delayed', progress: 10, note: { fi: 'Auton toimitus viivästyy.', sv: 'Leveransen av bussen är försenad.' } });
}
