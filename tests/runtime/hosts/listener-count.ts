// Node's getEventListeners has no counterpart in Bun, Deno or browsers, so the portable harness
// counts "abort" listeners itself, by wrapping AbortSignal's add and remove before any test runs.
// Only the bookkeeping is added: every call still goes to the host's own EventTarget.

interface Registration {
  readonly once: boolean;
}

type Registrations = WeakMap<AbortSignal, Map<string, Map<unknown, Registration>>>;

// One count per realm, shared by every bundle loaded into it (the browser page loads all the test
// files before running any): the first bundle installs the wrappers, the others reuse its map.
const shared = Symbol.for("corral.tests.abortListeners");
const realm = globalThis as unknown as Record<symbol, Registrations | undefined>;
const installed = realm[shared] !== undefined;
const registrations: Registrations = (realm[shared] ??= new WeakMap());
const target = EventTarget.prototype;
const add = target.addEventListener;
const remove = target.removeEventListener;

// EventTarget keys a listener by (type, callback, capture): adding it again is a no-op.
function slot(signal: AbortSignal, capture: boolean): Map<unknown, Registration> {
  let byCapture = registrations.get(signal);
  if (!byCapture) registrations.set(signal, (byCapture = new Map()));
  const key = String(capture);
  let listeners = byCapture.get(key);
  if (!listeners) byCapture.set(key, (listeners = new Map()));
  return listeners;
}

function captureOf(options: boolean | AddEventListenerOptions | EventListenerOptions | undefined): boolean {
  return typeof options === "boolean" ? options : options?.capture === true;
}

if (!installed) Object.defineProperties(AbortSignal.prototype, {
  addEventListener: {
    configurable: true,
    writable: true,
    value(this: AbortSignal, type: string, listener: unknown, options?: boolean | AddEventListenerOptions) {
      if (type === "abort" && listener) {
        const listeners = slot(this, captureOf(options));
        if (!listeners.has(listener)) listeners.set(listener, { once: typeof options === "object" && options.once === true });
      }
      return add.call(this, type, listener as EventListener, options);
    },
  },
  removeEventListener: {
    configurable: true,
    writable: true,
    value(this: AbortSignal, type: string, listener: unknown, options?: boolean | EventListenerOptions) {
      if (type === "abort") registrations.get(this)?.get(String(captureOf(options)))?.delete(listener);
      return remove.call(this, type, listener as EventListener, options);
    },
  },
});

/** countAbortListeners is the number of "abort" listeners on `signal`, as Node's getEventListeners counts them. */
export function countAbortListeners(signal: AbortSignal): number {
  let count = 0;
  for (const listeners of registrations.get(signal)?.values() ?? []) {
    // A `once` listener is gone after the one abort event, which fires when `aborted` turns true.
    for (const registration of listeners.values()) if (!(registration.once && signal.aborted)) count++;
  }
  return count;
}
