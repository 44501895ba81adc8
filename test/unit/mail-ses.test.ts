/**
 * Mail goes to SES v2 as one signed `SendEmail` request with simple content, which SES
 * turns into MIME (shared/mail/transport.ts over shared/storage/aws-json.ts). The request is
 * the operation's (POST /v2/email/outbound-emails, REST-JSON, signed for `ses` as the SDK's
 * own signer signs it): the From address (a non-ASCII name as encoded-words), the recipient,
 * subject and both bodies in UTF-8, the RFC 8058 and language headers, the configuration set
 * and the `kind` tag. SES's answers are read as the client
 * read them: a throttled, failing or unreachable SES is unavailable (retry later), a refusal
 * is not. The transport is also run exactly as Lambda bundles it (infra/bundling.ts).
 * A local node:http server stands in for SES.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { credentials, sdkSigner } from '../support/sdk-signer.ts';
import { closedPort, failure, fakeAws, fromAmzDate, type Answer, type FakeAws, type Seen } from '../support/fake-aws.ts';
import { lambdaBundling } from '#infra/bundling.ts';
import { unavailable } from '#shared/data/client.ts';
import type { Message } from '#shared/mail/compose.ts';
import { encodedWords, fromAddress, sendMail, type SendEmailRequest } from '#shared/mail/transport.ts';


/** The SDK's signer as SES v2's client configures it (signing name `ses`). */
const sdk = sdkSigner('ses');

let endpoint: FakeAws;
let port: number;
let seen: Seen[] = [];
let answers: Answer[] = [];
const dir = mkdtempSync(join(tmpdir(), 'kv-ses-'));

beforeAll(async () => {
  endpoint = await fakeAws('application/json', (request) => {
    seen.push(request);
    return answers.shift();
  }, { status: 200, body: { MessageId: '0100019abc-example-000000' } });
  port = endpoint.port;
});

afterAll(async () => {
  await endpoint.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  seen = [];
  answers = [];
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_SESSION_TOKEN: credentials.sessionToken,
    AWS_REGION: 'eu-north-1', SES_CONFIGURATION_SET: 'kv-mail', MAIL_FROM: 'Kuntavaikutus – Porvoo <no-reply@porvoo.fi>',
    AWS_ENDPOINT_URL_SESV2: `http://127.0.0.1:${port}`,
  });
});

afterAll(() => {
  delete process.env.SES_CONFIGURATION_SET;
  delete process.env.AWS_ENDPOINT_URL_SESV2;
  delete process.env.MAIL_FROM;
});

const message: Message = {
  to: 'aino@example.fi',
  language: 'fi',
  subject: 'Päätös tehty: Kirjaston laajennus',
  text: 'Päätös tehty\n\nLue lisää: https://example.fi/v1/decisions/d1\n\n-- \nAlatunniste\n',
  html: '<!doctype html>\n<html lang="fi"><body><h1>Päätös tehty</h1></body></html>\n',
  headers: { 'Content-Language': 'fi', 'List-Unsubscribe': '<https://example.fi/v1/unsubscribe?token=abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
};


/** What SES received. */
const sent = (s: Seen) => JSON.parse(s.body) as SendEmailRequest;

/** `=?UTF-8?B?...?=` words decoded and joined, as a mail reader shows them. */
const decoded = (words: string) => words.split(' ').map((w) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(w)![1]!, 'base64').toString('utf8')).join('');

describe('sending through SES v2 with one signed request', () => {
  it("is SendEmail's request, signed as the SDK signs it for `ses`", async () => {
    // Act
    await sendMail(message, 'DecisionMade');
    // Assess
    expect(seen).toHaveLength(1);
    const { method, url, headers, body } = seen[0]!;
    expect(method).toBe('POST');
    expect(url).toBe('/v2/email/outbound-emails');
    expect(headers['content-type']).toBe('application/json');
    const signed = await sdk.sign(
      { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path: '/v2/email/outbound-emails', query: {}, headers: { host: headers.host!, 'content-type': 'application/json' }, body },
      { signingDate: fromAmzDate(String(headers['x-amz-date'])) },
    );
    expect(headers.authorization).toBe(signed.headers.authorization);
    expect(headers.authorization).toMatch(/Credential=AKIDEXAMPLE\/\d{8}\/eu-north-1\/ses\/aws4_request, /);
    expect(headers['x-amz-security-token']).toBe(credentials.sessionToken);
  });

  it('carries sender, recipient, subject, both bodies, the headers, configuration set and kind tag', async () => {
    // Act
    await sendMail(message, 'digest-daily');
    // Assess
    const body = sent(seen[0]!);
    expect(body).toEqual({
      FromEmailAddress: `${encodedWords('Kuntavaikutus – Porvoo')} <no-reply@porvoo.fi>`,
      Destination: { ToAddresses: ['aino@example.fi'] },
      Content: {
        Simple: {
          Subject: { Data: 'Päätös tehty: Kirjaston laajennus', Charset: 'UTF-8' },
          Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
          Headers: [
            { Name: 'Content-Language', Value: 'fi' },
            { Name: 'List-Unsubscribe', Value: '<https://example.fi/v1/unsubscribe?token=abc>' },
            { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
          ],
        },
      },
      ConfigurationSetName: 'kv-mail',
      EmailTags: [{ Name: 'kind', Value: 'digest-daily' }],
    });
    // Header values as SES takes them: printable ASCII, name and value within 996 characters
    for (const h of body.Content.Simple.Headers) expect(`${h.Name}${h.Value}`).toMatch(/^[\x20-\x7e]{1,996}$/);
  });

  it('passes on a refusal as it is, once, not as unavailable', async () => {
    // Prepare
    answers = [{ status: 400, headers: { 'x-amzn-errortype': 'MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/' }, body: { message: 'Email address is not verified.' } }];
    // Act
    const error = await failure(sendMail(message, 'DecisionMade'));
    // Assess
    expect(error).toMatchObject({ name: 'MessageRejected', message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } });
    expect(seen).toHaveLength(1);
    expect(unavailable(error)).toBe(false);
  });

  it.each<[string, Answer]>([
    ['a server error (500)', { status: 500, headers: { 'x-amzn-errortype': 'InternalServiceErrorException' }, body: { message: 'Internal error' } }],
    ['a server error without a body (503)', { status: 503 }],
    ['throttling (429 TooManyRequestsException)', { status: 429, headers: { 'x-amzn-errortype': 'TooManyRequestsException' }, body: { message: 'Too many requests' } }],
  ])('after three attempts, classifies %s as unavailable', async (_, answer) => {
    // Prepare
    answers = [answer, answer, answer];
    // Act
    const error = await failure(sendMail(message, 'DecisionMade'));
    // Assess
    expect(seen).toHaveLength(3);
    expect(unavailable(error)).toBe(true);
  });

  it('sends once a retry gets through', async () => {
    answers = [{ status: 429, headers: { 'x-amzn-errortype': 'TooManyRequestsException' }, body: {} }];
    await sendMail(message, 'DecisionMade');
    expect(seen).toHaveLength(2);
  });

  it('classifies an unreachable SES as unavailable', async () => {
    // Prepare: nothing listens there any more
    const gone = await closedPort();
    process.env.AWS_ENDPOINT_URL_SESV2 = `http://127.0.0.1:${gone}`;
    // Act
    const error = await failure(sendMail(message, 'DecisionMade'));
    // Assess
    expect(unavailable(error)).toBe(true);
  });

  it('sends the same request from the transport as Lambda bundles it', async () => {
    // Prepare: bundled with the functions' own options (aliases included)
    const out = join(dir, 'transport.mjs');
    const { banner, externalModules: _e, ...options } = lambdaBundling;
    await build({ ...options, banner: { js: banner }, entryPoints: ['shared/mail/transport.ts'], bundle: true, outfile: out, logLevel: 'silent' });
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const bundled = (await import(pathToFileURL(out).href)) as { sendMail: typeof sendMail };
    // Act
    await bundled.sendMail(message, 'DecisionMade');
    // Assess
    expect(seen).toHaveLength(1);
    const bundledRequest = sent(seen[0]!);
    await sendMail(message, 'DecisionMade');
    expect(bundledRequest).toEqual(sent(seen[1]!));
  });
});

describe('headers SES sets itself', () => {
  it('are refused in a message before anything is sent', async () => {
    await expect(sendMail({ ...message, headers: { ...message.headers, 'Reply-To': 'x@example.fi' } }, 'DecisionMade')).rejects.toThrow(/SES sets Reply-To itself/);
    expect(seen).toHaveLength(0);
  });
});

describe('the sender SES is given', () => {
  it('keeps a plain ASCII name and a bare address as they are', () => {
    expect(fromAddress('Kuntavaikutus <no-reply@porvoo.fi>')).toBe('Kuntavaikutus <no-reply@porvoo.fi>');
    expect(fromAddress(' no-reply@porvoo.fi ')).toBe('no-reply@porvoo.fi');
  });

  it('quotes an ASCII name holding specials, and reads a quoted one', () => {
    expect(fromAddress('City of Porvoo, Council <no-reply@porvoo.fi>')).toBe('"City of Porvoo, Council" <no-reply@porvoo.fi>');
    expect(fromAddress('"Porvoo \\"kaupunki\\"" <no-reply@porvoo.fi>')).toBe('"Porvoo \\"kaupunki\\"" <no-reply@porvoo.fi>');
  });

  it('encodes a non-ASCII name as encoded-words of at most 75 characters that never split a character', () => {
    const name = 'Järvenpään kaupunki – Träskända stad – Kuntavaikutus ja päätöksenteko ÄÖÅ äöå 🌲';
    const words = encodedWords(name);
    expect(words.split(' ').length).toBeGreaterThan(1);
    for (const w of words.split(' ')) expect(w.length).toBeLessThanOrEqual(75);
    expect(decoded(words)).toBe(name);
    expect(fromAddress(`${name} <no-reply@jarvenpaa.fi>`)).toBe(`${words} <no-reply@jarvenpaa.fi>`);
  });

  it('refuses an address SES cannot send from (not ASCII)', () => {
    expect(() => fromAddress('Porvoo <ei-vastausta@borgå.fi>')).toThrow(/ASCII address/);
  });
});
