// eslint/use-at-your-own-risk in the playground's bundle: its FlatESLint and LegacyESLint are the
// Node-only classes; @typescript-eslint/utils falls back to ESLint's own when they are absent.
module.exports = {};
