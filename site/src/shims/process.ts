// `process` in the playground's bundle. typescript-estree reads its environment variables and
// working directory; `browser: true` tells TypeScript (which checks for it) that this is no Node.
export const process = {
  browser: true,
  env: {} as Record<string, string | undefined>,
  argv: [] as string[],
  platform: "browser",
  cwd: (): string => "/",
  emitWarning: (warning: unknown): void => console.warn(warning),
};
