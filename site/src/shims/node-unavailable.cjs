// Node's file-system, process and worker modules in the playground's bundle. Nothing the playground
// runs calls them (the parser gets its program through `programs`, the Linter its config inline);
// the modules that require them at load time still load, and a call fails naming the function.
module.exports = new Proxy(
  {},
  {
    get(_target, name) {
      if (name === "__esModule" || typeof name === "symbol") return undefined;
      return () => {
        throw new Error(`${String(name)} is a Node API the playground does not provide`);
      };
    },
  },
);
