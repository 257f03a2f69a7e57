// shared/ runs in browsers and in Node 20; both provide Web Crypto's randomUUID as a global.
declare const crypto: { randomUUID(): string }
