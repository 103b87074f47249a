/**
 * Who a request comes from, for rate limits: the address Cloudflare puts in
 * `CF-Connecting-IP` (which a client cannot set), as an IPv4 address or as
 * the /64 network of an IPv6 address, since one household or server holds a
 * whole /64 and could otherwise take a fresh address for every request.
 * Without the header (a local run) every request counts as one visitor.
 */

/** The visitor a rate limit counts for the address in `CF-Connecting-IP`. */
export function clientAddress(header: string | undefined): string {
  const ip = header?.trim().toLowerCase();
  if (!ip) return 'local';
  // IPv4, or IPv4 written as IPv6 (`::ffff:198.51.100.7`).
  if (!ip.includes(':') || ip.includes('.')) return ip.slice(ip.lastIndexOf(':') + 1);
  const [head = '', tail] = ip.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? front
      : [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  const network = groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, ''));
  return `${network.join(':')}::/64`;
}
