import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js'
import { ErrorCode, McpError, SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js'

/**
 * The protocol versions a probe offers, newest first: the SDK's own list. The first is what every
 * SDK-based client sends; the others are the fallbacks the spec's negotiation allows.
 */
export const PROTOCOL_VERSIONS: readonly string[] = [...new Set(SUPPORTED_PROTOCOL_VERSIONS)]

/** One `initialize` attempt with one offered version, as recorded evidence. */
export interface VersionAttempt {
  offered: string
  /** `accepted`: the handshake completed; `rejected`: the server refused this version */
  result: 'accepted' | 'rejected' | 'failed'
  /** the version the server answered with, when it answered */
  answered?: string
  error?: string
}

/**
 * The same message with `params.protocolVersion` replaced when it is an `initialize` request, so
 * the SDK's `Client` keeps doing the protocol while the probe chooses the version it offers.
 */
export function withOfferedVersion(message: JSONRPCMessage, version: string | undefined): JSONRPCMessage {
  if (version === undefined || !('method' in message) || message.method !== 'initialize' || !('id' in message)) return message
  return { ...message, params: { ...(message.params ?? {}), protocolVersion: version } }
}

/**
 * Whether a failed handshake was the server refusing the offered protocol version (so an older
 * one is worth offering): a JSON-RPC error naming the protocol version or rejecting the params of
 * `initialize`, the SDK's "protocol version is not supported" for an answer it does not know, or
 * a server that died saying so on stderr. False for anything else.
 */
export function isVersionRejection(error: unknown, stderr = ''): boolean {
  const message = error instanceof Error ? error.message : String(error ?? '')
  if (/protocol.?version/i.test(message)) return true
  if (error instanceof McpError && (error.code === ErrorCode.InvalidParams || error.code === -32022)) return true
  return /protocol.?version/i.test(stderr.slice(-4096))
}

/** The version a server answered with, when the SDK refused it as unknown. */
export function answeredVersion(message: string | undefined): string | undefined {
  if (!message) return undefined
  return /protocol version is not supported: (\S+)/i.exec(message)?.[1]
}

/**
 * Wraps a transport so that the `initialize` it carries offers `version` instead of the SDK's
 * newest. Everything else passes through untouched, both ways.
 */
export class VersionOfferingTransport implements Transport {
  onclose?: () => void
  onerror?: (error: Error) => void
  onmessage?: Transport['onmessage']
  /** the version the server answered with, once the handshake completed */
  protocolVersion?: string

  constructor(
    readonly inner: Transport,
    private readonly version: string | undefined
  ) {
    inner.onclose = () => this.onclose?.()
    inner.onerror = (error) => this.onerror?.(error)
    inner.onmessage = (message, extra) => this.onmessage?.(message, extra)
  }

  get sessionId(): string | undefined {
    return this.inner.sessionId
  }

  start(): Promise<void> {
    return this.inner.start()
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.inner.send(withOfferedVersion(message, this.version), options)
  }

  close(): Promise<void> {
    return this.inner.close()
  }

  setProtocolVersion(version: string): void {
    this.protocolVersion = version
    this.inner.setProtocolVersion?.(version)
  }
}
