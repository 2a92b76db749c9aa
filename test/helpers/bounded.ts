// A wait with a bound: what `promise` resolves to, or `onTimeout` once `ms` have passed. The timer is cleared as soon
// as the race is decided, so a bound never keeps a test process alive after its tests (ADR 0070).
export async function settledWithin<T, F>(promise: Promise<T>, ms: number, onTimeout: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout), ms);
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}
