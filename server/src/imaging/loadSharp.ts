import type { Sharp, SharpOptions } from 'sharp'

/** sharp's factory: `sharp(input, options)`. */
export type SharpFactory = (input?: Buffer | Uint8Array, options?: SharpOptions) => Sharp

let loading: Promise<SharpFactory> | undefined

/**
 * sharp, loaded on first use. libvips maps some 7 MB and starts its thread pool when the module
 * is loaded; a server that receives no photo (most of them, most of the day) should not carry it.
 */
export function loadSharp(): Promise<SharpFactory> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    // libvips keeps decoded images and open files for reuse; every upload is a new image, so the
    // cache only holds memory (it was most of a 500 MB peak for one 12-megapixel photo).
    sharp.cache(false)
    // Two cores are shared with the board's sync: one libvips thread per image leaves room for it.
    sharp.concurrency(1)
    return sharp
  })
  return loading
}
