// The runtime under test is the built package (runtime/dist), the code users install; the
// harness builds it first when the sources are newer (see build.mjs).
export * from "../../runtime/dist/index.js";
