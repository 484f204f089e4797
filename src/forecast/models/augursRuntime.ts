import { initSync as initMstlSync } from '@bsull/augurs/mstl'

/**
 * The WASM of `@bsull/augurs/mstl` must be initialised synchronously in Node (stack notes). The domain does no file
 * I/O, so the process entry (CLI, bench, server boot, worker) hands over the bytes or a compiled module once:
 * `initAugursMstl(readFileSync(new URL('mstl_bg.wasm', import.meta.resolve('@bsull/augurs/mstl'))))`.
 * Until then the `mstlEts` model is not offered.
 */
/** A compiled `WebAssembly.Module` (typed loosely: the project's lib settings carry no DOM/WebAssembly types). */
export type WasmModule = object
const wasm = (globalThis as unknown as { WebAssembly: { Module: new (bytes: ArrayBufferView | ArrayBuffer) => WasmModule } }).WebAssembly

let compiledModule: WasmModule | undefined

export function initAugursMstl(bytesOrModule: ArrayBufferView | ArrayBuffer | WasmModule): void {
  if (compiledModule) return
  const module = bytesOrModule instanceof wasm.Module ? bytesOrModule : new wasm.Module(bytesOrModule as ArrayBufferView)
  initMstlSync({ module: module as never })
  compiledModule = module
}

export function isAugursMstlReady(): boolean {
  return compiledModule !== undefined
}

/** The compiled module, so a worker thread can be initialised without reading the file again. */
export function augursMstlModule(): WasmModule | undefined {
  return compiledModule
}
