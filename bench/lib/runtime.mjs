// The runtime under test is the built package (dist/runtime), the code users install; the
// harness builds it first when the sources are newer (see build.mjs).
export * from "../../dist/runtime/index.js";
