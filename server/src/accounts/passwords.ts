import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * Memory-hard password hashing with scrypt (N=2^15, r=8, p=1: 32 MiB and ~50–100 ms per hash),
 * stored as `scrypt$N$r$p$salt$hash` so the parameters can be raised later without a migration.
 */
const COST = 2 ** 15
const BLOCK_SIZE = 8
const PARALLELISM = 1
const KEY_BYTES = 32
const MAX_MEMORY_BYTES = 64 * 1024 * 1024

function derive(password: string, salt: Buffer, cost: number, blockSize: number, parallelism: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, { N: cost, r: blockSize, p: parallelism, maxmem: MAX_MEMORY_BYTES }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, COST, BLOCK_SIZE, PARALLELISM)
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, blockSize, parallelism, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(cost), Number(blockSize), Number(parallelism))
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** A hash of a random password, so that timing does not reveal whether a user name exists. */
export const DUMMY_PASSWORD_HASH = hashPassword(randomBytes(12).toString('base64url'))
