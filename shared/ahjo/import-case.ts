/**
 * Importing one Ahjo case: the same case id (in any spelling) is the same case, updated in
 * place; a re-import that changes nothing writes nothing.
 */
import { settings } from '#shared/config.ts';
import { Problem, ahjoUnmappable, type FieldError } from '#shared/http/problem.ts';
import { clean } from '#shared/meetings/rules.ts';
import { getCase, saveImportedCase, type CaseItem, type CaseOutcome } from '#shared/cases/repository.ts';
import { mapCase, type AhjoCase } from '#shared/ahjo/case.ts';

export interface CaseImportReport {
  outcome: CaseOutcome;
  item: CaseItem;
  warnings: FieldError[];
}

/** Imports `raw`, or throws a 422 problem naming what could not be mapped. */
export async function importAhjoCase(raw: AhjoCase, now: Date): Promise<CaseImportReport> {
  const mapped = mapCase(raw, settings().supportedLanguages);
  if ('errors' in mapped) throw ahjoUnmappable(mapped.errors, 'case');
  const { plan } = mapped;
  for (let attempt = 1; ; attempt++) {
    const current = (await getCase(plan.caseId, true))?.item;
    try {
      const saved = await saveImportedCase(clean({
        caseId: plan.caseId,
        title: plan.title,
        status: plan.status,
        classification: plan.classification ? clean(plan.classification) : undefined,
        sourceCreatedAt: plan.createdAt,
        handlings: plan.handlings,
        documents: plan.documents,
        source: { system: 'ahjo' as const, id: plan.ahjoId },
      }), current, now);
      return { ...saved, warnings: plan.warnings };
    } catch (error) {
      // Another import of the same case got in first: read again.
      if (!(error instanceof Problem && error.status === 412) || attempt >= 4) throw error;
    }
  }
}
