/**
 * The interactive API reference: Swagger UI (the `swagger-ui-dist` package, served from
 * node_modules, nothing loaded from elsewhere) over the OpenAPI document, with "Try it out"
 * against the server that serves the document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The Swagger UI files the page loads, with their content types. */
export const docsAssets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

/** One of `docsAssets`, read from the installed package; undefined for any other name. */
export const docsAsset = (name: string): { contentType: string; body: Buffer } | undefined => {
  const contentType = Object.hasOwn(docsAssets, name) ? docsAssets[name] : undefined;
  return contentType ? { contentType, body: readFileSync(join(dist, name)) } : undefined;
};

const localNote = `<b>Try it out</b> calls this local runtime. For a token, run <b>POST /local/token</b> (under Platform) with e.g.
<code>{"sub": "kaisa", "name": "Kaisa", "groups": ["staff"]}</code>: the page puts the token it returns in <b>Authorize</b>,
so the calls after it are made as that user. Leave out <code>groups</code> for a resident.`;
const deployedNote = 'For <b>Try it out</b>, choose <b>Authorize</b> and paste a token from the deployment\'s Cognito user pool.';

/**
 * The page. `assets`: where the `docsAssets` are (ending in `/`); `document`: the OpenAPI document's URL;
 * `local`: the local runtime, whose `POST /local/token` answers are taken as the token to call with.
 */
export function docsPage(options: { assets: string; document: string; local: boolean }): string {
  const config = {
    url: options.document,
    dom_id: '#swagger-ui',
    deepLinking: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    filter: true,
    persistAuthorization: true,
    tryItOutEnabled: true,
    validatorUrl: null,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kuntavaikutus API reference</title>
<link rel="icon" type="image/png" href="${options.assets}favicon-32x32.png">
<link rel="stylesheet" href="${options.assets}swagger-ui.css">
<style>
  body { margin: 0; font-family: sans-serif; }
  .note { max-width: 1420px; margin: 0 auto; padding: 12px 20px; background: #fff8dc; border-bottom: 1px solid #e5d9a8; font-size: 14px; line-height: 1.5; }
</style>
</head>
<body>
<p class="note">${options.local ? localNote : deployedNote} The document itself: <a href="${options.document}">${options.document}</a>.</p>
<div id="swagger-ui"></div>
<script src="${options.assets}swagger-ui-bundle.js"></script>
<script>
  const local = ${JSON.stringify(options.local)};
  window.ui = SwaggerUIBundle(Object.assign(${JSON.stringify(config)}, {
    // A token minted with POST /local/token authorizes the calls that follow.
    responseInterceptor: (res) => {
      if (local && res.ok && /\\/local\\/token$/.test(res.url) && res.body && res.body.token) window.ui.preauthorizeApiKey('bearer', res.body.token);
      return res;
    },
  }));
</script>
</body>
</html>
`;
}
