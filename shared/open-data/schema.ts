/** The open-data listing: every dataset with its stable columns, its files and when they were written. */
import * as z from 'zod/mini';
import { Time } from '#shared/schema.ts';

const Text = (max: number) => z.string().check(z.maxLength(max));

export const DatasetFile = z.object({
  format: z.enum(['csv', 'jsonl']),
  contentType: Text(100),
  url: Text(2000),
  bytes: z.number().check(z.int(), z.minimum(0)),
  updatedAt: Time,
}).register(z.globalRegistry, { id: 'OpenDataFile' });

export const OpenDataCatalogue = z.object({
  license: z.object({ name: Text(50), url: Text(200) }),
  items: z.array(z.object({
    name: Text(50),
    title: Text(200),
    columns: z.array(Text(100)).check(z.maxLength(100)),
    /** Empty until the scheduled job has written the dataset. */
    files: z.array(DatasetFile).check(z.maxLength(2)),
    updatedAt: z.nullable(Time),
  })).check(z.maxLength(20)),
}).register(z.globalRegistry, { id: 'OpenDataCatalogue' });
export type OpenDataCatalogue = z.infer<typeof OpenDataCatalogue>;
export type DatasetFile = z.infer<typeof DatasetFile>;
