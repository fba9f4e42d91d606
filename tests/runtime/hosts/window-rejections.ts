// Unhandled rejections where the host reports them as a web platform event (Deno, browsers).

interface RejectionEvent {
  readonly reason: unknown;
  preventDefault(): void;
}

/** onWindowUnhandledRejection listens for "unhandledrejection" and takes the report over from the host. */
export function onWindowUnhandledRejection(listener: (reason: unknown) => void): () => void {
  const handler = (event: Event): void => {
    // Handled here: Deno would otherwise end the whole run, where Node only reports.
    (event as unknown as RejectionEvent).preventDefault();
    listener((event as unknown as RejectionEvent).reason);
  };
  globalThis.addEventListener("unhandledrejection", handler);
  return () => globalThis.removeEventListener("unhandledrejection", handler);
}
