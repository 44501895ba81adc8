/**
 * Stands in for `dayjs` in Lambda bundles. Only launder requires it, for its date and time
 * fields (`launder().date()`, `.time()`, …); sanitize-html uses launder's static
 * `naughtyHref` alone and never makes a launder, so dayjs (about 7 KB minified) is never
 * called. test/unit/bundle-sanitize.test.ts runs the sanitiser as bundled, links included.
 */
module.exports = function dayjs() {
  throw new Error('dayjs is not bundled in Lambda functions (infra/sanitize-dayjs.cjs)');
};
