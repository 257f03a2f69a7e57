/**
 * The header Guatu's own client puts on every API request. A page on another origin cannot send it
 * without a CORS preflight, which the server never grants, and a plain HTML form or a `no-cors`
 * fetch cannot send it at all: a state-changing request that carries it (or a JSON body) and
 * comes from our own origin is not a cross-site forgery (server/src/http/csrfGuard.ts).
 */
export const REQUEST_MARKER_HEADER = 'x-guatu-request'
export const REQUEST_MARKER_VALUE = '1'
