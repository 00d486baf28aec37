package io.picloud.host.http.impl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which IP addresses a script's request may connect to: every public unicast address, and of the others only those
 * in an operator's {@code allowAddresses} range. Checked on the resolved address of every connection (the first
 * request and each redirect), never on a name. Stateless apart from the allowed ranges; thread-safe.
 *
 * <p>IPv6 forms that carry an IPv4 address are judged by that address: IPv4-mapped {@code ::ffff:a.b.c.d}, NAT64
 * {@code 64:ff9b::a.b.c.d} and 6to4 {@code 2002:aabb:ccdd::}. IPv4-compatible {@code ::a.b.c.d} (deprecated) and
 * Teredo are refused outright, as is every IPv6 address outside global unicast {@code 2000::/3}.
 */
final class AddressPolicy {

    /** Why an address is refused; {@link #label} is what errors and docs say. */
    enum Refused {
        UNSPECIFIED("unspecified"),
        LOOPBACK("loopback"),
        PRIVATE("private network (RFC 1918)"),
        SHARED("shared address space, CGNAT (100.64.0.0/10)"),
        LINK_LOCAL("link-local, incl. cloud metadata 169.254.169.254"),
        MULTICAST("multicast"),
        BROADCAST("broadcast"),
        RESERVED("reserved or special-purpose"),
        DOCUMENTATION("documentation or benchmarking range"),
        UNIQUE_LOCAL("IPv6 unique-local (fc00::/7)"),
        SITE_LOCAL("IPv6 site-local (fec0::/10)"),
        IPV4_COMPATIBLE("IPv4-compatible IPv6 (::a.b.c.d)"),
        TEREDO("Teredo (2001::/32)");

        final String label;

        Refused(String label) {
            this.label = label;
        }
    }

    private final List<Cidr> allowed;

    AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    List<Cidr> allowed() {
        return allowed;
    }

    /** Null when a request may connect to {@code address}; otherwise why not. */
    Refused refusal(InetAddress address) {
        InetAddress plain = unmapped(address);
        for (Cidr range : allowed) {
            if (range.contains(address) || range.contains(plain)) {
                return null;
            }
        }
        return classify(plain);
    }

    /** The class of a non-public address, or null for a public unicast one; ignores the allowed ranges. */
    static Refused classify(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? classify4(b) : classify6(b);
    }

    private static Refused classify4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return Refused.UNSPECIFIED;                  // 0.0.0.0/8, "this network"
        } else if (a0 == 127) {
            return Refused.LOOPBACK;
        } else if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return Refused.PRIVATE;
        } else if (a0 == 100 && (a1 & 0xc0) == 64) {
            return Refused.SHARED;
        } else if (a0 == 169 && a1 == 254) {
            return Refused.LINK_LOCAL;
        } else if (a0 >= 224 && a0 <= 239) {
            return Refused.MULTICAST;
        } else if (a0 == 255 && a1 == 255 && a2 == 255 && (b[3] & 0xff) == 255) {
            return Refused.BROADCAST;
        } else if (a0 >= 240) {
            return Refused.RESERVED;                     // 240.0.0.0/4
        } else if ((a0 == 192 && a1 == 0 && a2 == 0) || (a0 == 192 && a1 == 88 && a2 == 99)) {
            return Refused.RESERVED;                     // IETF protocol assignments, old 6to4 relay anycast
        } else if ((a0 == 192 && a1 == 0 && a2 == 2) || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113) || (a0 == 198 && (a1 & 0xfe) == 18)) {
            return Refused.DOCUMENTATION;                // TEST-NET-1/2/3, benchmarking 198.18.0.0/15
        }
        return null;
    }

    private static Refused classify6(byte[] b) {
        if (allZero(b, 0, 10)) {
            if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return classify4(Arrays.copyOfRange(b, 12, 16));        // ::ffff:a.b.c.d
            }
            if (allZero(b, 10, 12)) {
                if (allZero(b, 12, 15)) {
                    if (b[15] == 0) {
                        return Refused.UNSPECIFIED;                      // ::
                    } else if (b[15] == 1) {
                        return Refused.LOOPBACK;                         // ::1
                    }
                }
                return Refused.IPV4_COMPATIBLE;                          // ::a.b.c.d
            }
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            if (allZero(b, 4, 12)) {
                return classify4(Arrays.copyOfRange(b, 12, 16));        // NAT64 64:ff9b::/96
            }
            return Refused.PRIVATE;                                     // local-use NAT64 64:ff9b:1::/48
        }
        if (w0 == 0x2002) {
            return classify4(Arrays.copyOfRange(b, 2, 6));              // 6to4 2002:aabb:ccdd::/48
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            return Refused.TEREDO;
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return Refused.DOCUMENTATION;
        }
        if ((w0 & 0xfe00) == 0xfc00) {
            return Refused.UNIQUE_LOCAL;
        } else if ((w0 & 0xffc0) == 0xfe80) {
            return Refused.LINK_LOCAL;
        } else if ((w0 & 0xffc0) == 0xfec0) {
            return Refused.SITE_LOCAL;
        } else if ((w0 & 0xff00) == 0xff00) {
            return Refused.MULTICAST;
        } else if ((w0 & 0xe000) != 0x2000) {
            return Refused.RESERVED;                                    // outside global unicast 2000::/3
        }
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** An IPv4-mapped IPv6 address as the IPv4 address it is; any other address unchanged. */
    static InetAddress unmapped(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16 && allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            try {
                return Inet4Address.getByAddress(Arrays.copyOfRange(b, 12, 16));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address;
    }
}
