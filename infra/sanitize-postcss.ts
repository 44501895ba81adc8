/**
 * Stands in for `postcss` in Lambda bundles. sanitize-html calls it only to filter an allowed
 * `style` attribute; shared/ahjo/sanitize.ts allows none (and turns style parsing off), so it
 * is never reached, and the functions need not carry postcss (about 90 KB minified with its
 * source-map support).
 */
export const parse = (): never => {
  throw new Error('style attributes are not allowed in sanitised HTML');
};
export default { parse };
