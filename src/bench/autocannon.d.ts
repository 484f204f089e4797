/** The part of autocannon's API the load test uses (the package ships no types and @types/autocannon is not installed). */
declare module 'autocannon' {
  interface AutocannonRequest { method?: string; path: string; headers?: Record<string, string>; body?: string }
  interface AutocannonOptions {
    url: string
    connections?: number
    amount?: number
    duration?: number
    timeout?: number
    headers?: Record<string, string>
    requests?: AutocannonRequest[]
  }
  interface Instance {
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this
    on(event: 'reqError' | 'done', listener: (...args: unknown[]) => void): this
    stop(): void
  }
  function autocannon(options: AutocannonOptions, callback?: (error: Error | null, result: unknown) => void): Instance
  export default autocannon
}
