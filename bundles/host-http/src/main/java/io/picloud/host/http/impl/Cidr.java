package io.picloud.host.http.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * An address range such as {@code 10.0.5.0/24} or {@code fd00::/8}: the operator's way to let scripts reach
 * addresses the guard refuses ({@code allowAddresses}). A bare address is its own /32 or /128. An IPv4 range
 * matches IPv4 addresses only, an IPv6 range IPv6 addresses only.
 */
record Cidr(byte[] network, int prefix) {

    /** Parses {@code a.b.c.d/n}, {@code ipv6/n} or a bare address; only numeric addresses, never a name. */
    static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (address.isEmpty() || !(address.contains(":") || address.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            throw new IllegalArgumentException("not an address range: '" + text + "' (e.g. 10.0.5.0/24)");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();   // numeric: no DNS look-up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address range: '" + text + "' (e.g. 10.0.5.0/24)");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("not an address range: '" + text + "' (prefix 0 to " + bits + ")");
            }
        }
        return new Cidr(bytes, prefix);
    }

    /** Parses a comma- or space-separated list; blank entries are skipped. */
    static List<Cidr> parseList(String text) {
        List<Cidr> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    out.add(parse(part));
                }
            }
        }
        return out;
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            return "?/" + prefix;
        }
    }
}
