/**
 * Stands in for `htmlparser2` in Lambda bundles. sanitize-html uses only its `Parser`; the
 * package's index also brings the DOM handler, DOM utilities and serializer with a second
 * copy of the HTML entity tables (about 100 KB minified), none of which sanitising needs.
 */
export { Parser } from '../node_modules/sanitize-html/node_modules/htmlparser2/dist/commonjs/Parser.js';
