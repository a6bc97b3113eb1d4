/** `host:port`, with IPv6 hosts bracketed so the port stays unambiguous (`[::1]:7077`). */
export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The address 127.0.0.1 when none is given: the cluster's processes only talk over loopback. */
export const DEFAULT_HOST = '127.0.0.1';
