import { z } from 'zod'

/** How a client talks to a server: a local process over stdio, SSE (legacy HTTP) or Streamable HTTP. */
export const TransportSchema = z.enum(['stdio', 'sse', 'http'])
export type Transport = z.infer<typeof TransportSchema>
