/** Demo polls on the open draft, answered by the demo residents, and one flag for the moderation queue. */
import type { SeedApi } from '#infra/local/seed/client.ts';
import type { SeededDrafts } from '#infra/local/seed/drafts.ts';

interface SeedPoll {
  id: string;
  options: { id: string }[];
}

export async function seedPolls(api: SeedApi, drafts: SeededDrafts): Promise<void> {
  const staff = await api.as({ sub: 'demo-staff', name: 'Kaisa Kirjaaja', groups: ['staff'] });
  const residents = await Promise.all([
    api.as({ sub: 'demo-aino', name: 'Aino Asukas' }),
    api.as({ sub: 'demo-erik', name: 'Erik Invånare' }),
    api.as({ sub: 'demo-lotta', name: 'Lotta Lindqvist', strong: true }),
  ]);
  const draftPath = `/v1/drafts/${drafts.openDraftId}`;
  const draft = await staff<{ sections: { id: string }[] }>('GET', draftPath);

  const first = await staff<SeedPoll>('POST', `${draftPath}/polls`, {
    question: { fi: 'Mikä pääreitti pitäisi rakentaa ensin?', sv: 'Vilken huvudrutt borde byggas först?' },
    options: [
      { text: { fi: 'Rantaraitti', sv: 'Strandpromenaden' } },
      { text: { fi: 'Asemalta torille', sv: 'Från stationen till torget' } },
    ],
    type: 'single',
    sectionId: draft.sections[0]!.id,
    resultsVisibility: 'after-vote',
  });
  const second = await staff<SeedPoll>('POST', `${draftPath}/polls`, {
    question: { fi: 'Mitkä talvikunnossapidon parannukset ovat tärkeimpiä?', sv: 'Vilka förbättringar av vinterunderhållet är viktigast?' },
    options: [
      { text: { fi: 'Harjasuolaus', sv: 'Borstsaltning' } },
      { text: { fi: 'Aikaisempi auraus', sv: 'Tidigare plogning' } },
      { text: { fi: 'Lumitilan lisääminen', sv: 'Mer plats för snö' } },
    ],
    type: 'multiple',
    maxChoices: 2,
    sectionId: draft.sections[1]!.id,
    resultsVisibility: 'after-close',
  });
  const choices = [[0], [1], [0]];
  for (const [i, resident] of residents.entries()) {
    await resident('PUT', `${draftPath}/polls/${first.id}/ballot`, { optionIds: choices[i]!.map((o) => first.options[o]!.id) });
    await resident('PUT', `${draftPath}/polls/${second.id}/ballot`, { optionIds: [second.options[i % 3]!.id, second.options[(i + 1) % 3]!.id] });
  }

  const comments = await staff<{ items: { id: string; body: string | null }[] }>('GET', `${draftPath}/comments?sort=oldest`);
  const lastComment = comments.items.at(-1);
  if (lastComment) await residents[0]!('POST', `${draftPath}/comments/${lastComment.id}/flags`, { reason: 'off-topic', note: 'Ei liity pyöräilyyn.' });
}
