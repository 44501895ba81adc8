/**
 * The key of a draft's listing item, on its own: modules that only address the item (the
 * comment activity a digest reads, moderation counters) need not bundle the drafts
 * repository, its schemas and the map code behind them.
 */
export const draftListingKey = (id: string) => ({ pk: `DRAFT#${id}`, sk: 'DRAFT#LISTING' as const });
