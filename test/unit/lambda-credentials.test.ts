import { afterEach, describe, expect, it } from 'vitest';
import { defaultProvider } from '#infra/lambda-credentials.ts';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('credentials in Lambda bundles', () => {
  it('come from the environment, as Lambda sets them for the execution role', async () => {
    // Prepare
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_SESSION_TOKEN = 'session';
    // Act
    const credentials = await defaultProvider()();
    // Assess
    expect(credentials).toMatchObject({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' });
  });

  it('fail clearly when the environment has none', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    await expect(defaultProvider()()).rejects.toThrow();
  });
});
