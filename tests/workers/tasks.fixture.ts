/** Functions for the runInWorker tests, run in the worker. */
export function add(a: number, b: number): number { return a + b }
export function spin(ms: number): number {
  const until = Date.now() + ms
  let n = 0
  while (Date.now() < until) n++
  return n
}
export function refuse(): never { throw new RangeError('the load is too high to staff') }
export function countTo(n: number, report: (done: number, total: number) => void): number {
  for (let i = 1; i <= n; i++) report(i, n)
  return n
}
