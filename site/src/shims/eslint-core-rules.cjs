// ESLint's own rules (eslint/lib/rules, a lazy map of ~300 modules) in the playground's bundle: the
// playground configures only corral's rules, so the map is empty and the worker a megabyte lighter.
// A directive comment that names a core rule (`/* eslint no-console: "error" */`) reports that the
// rule is not defined here; `eslint-disable` comments work as usual.
module.exports = new Map();
