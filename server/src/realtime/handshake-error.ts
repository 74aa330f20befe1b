/** A refused handshake carries the shared error shape in `err.data`, which socket.io-client exposes. */
import type { ParleyError } from '@parley/shared';

export function handshakeError(error: ParleyError): Error & { data: ParleyError } {
  return Object.assign(new Error(error.message), { data: error });
}
