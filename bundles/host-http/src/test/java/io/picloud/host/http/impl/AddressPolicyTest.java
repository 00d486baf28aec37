package io.picloud.host.http.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.picloud.host.http.impl.AddressPolicy.Refused;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.Test;

/** Every refused address class, as literals and in their IPv6 wrappings, and the operator's allowed ranges. */
public class AddressPolicyTest {

    private static final AddressPolicy NONE = new AddressPolicy(List.of());

    /** A numeric address, never a DNS look-up. */
    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    /** {@code ::ffff:a.b.c.d} kept as an Inet6Address (InetAddress.getByName would unwrap it). */
    private static InetAddress mapped(String v4) throws Exception {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(ip(v4).getAddress(), 0, b, 12, 4);
        return Inet6Address.getByAddress(null, b, -1);
    }

    private static void refused(Refused expected, String... literals) throws Exception {
        for (String literal : literals) {
            assertEquals(literal, expected, NONE.refusal(ip(literal)));
        }
    }

    @Test
    public void ipv4ClassesAreRefused() throws Exception {
        refused(Refused.UNSPECIFIED, "0.0.0.0", "0.1.2.3");
        refused(Refused.LOOPBACK, "127.0.0.1", "127.0.0.2", "127.255.255.254");
        refused(Refused.PRIVATE, "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.0.1",
                "192.168.255.255");
        refused(Refused.SHARED, "100.64.0.1", "100.127.255.255");
        refused(Refused.LINK_LOCAL, "169.254.169.254", "169.254.0.1");
        refused(Refused.MULTICAST, "224.0.0.1", "239.255.255.250");
        refused(Refused.BROADCAST, "255.255.255.255");
        refused(Refused.RESERVED, "240.0.0.1", "192.0.0.8");
        refused(Refused.DOCUMENTATION, "192.0.2.1", "198.51.100.7", "203.0.113.9", "198.18.0.1", "198.19.255.255");
    }

    @Test
    public void neighboursOfTheRefusedRangesArePublic() throws Exception {
        for (String ok : List.of("1.1.1.1", "8.8.8.8", "11.0.0.1", "126.255.255.255", "128.0.0.1", "172.15.255.255",
                "172.32.0.1", "192.167.255.255", "192.169.0.1", "100.63.255.255", "100.128.0.1", "169.253.255.255",
                "169.255.0.1", "223.255.255.255", "198.17.255.255", "198.20.0.1")) {
            assertNull(ok, NONE.refusal(ip(ok)));
        }
    }

    @Test
    public void ipv6ClassesAreRefused() throws Exception {
        refused(Refused.UNSPECIFIED, "::");
        refused(Refused.LOOPBACK, "::1");
        refused(Refused.UNIQUE_LOCAL, "fc00::1", "fd12:3456:789a::1");
        refused(Refused.LINK_LOCAL, "fe80::1", "febf::1");
        refused(Refused.SITE_LOCAL, "fec0::1");
        refused(Refused.MULTICAST, "ff02::1", "ff0e::1");
        refused(Refused.DOCUMENTATION, "2001:db8::1");
        refused(Refused.TEREDO, "2001:0:4136:e378::1");
        refused(Refused.RESERVED, "100::1", "4000::1", "::ffff:0:1:2");
        assertNull(NONE.refusal(ip("2606:4700:4700::1111")));
        assertNull(NONE.refusal(ip("2a00:1450:4001::1")));
    }

    @Test
    public void ipv4InIpv6FormsAreJudgedByTheirIpv4Address() throws Exception {
        // IPv4-mapped, both as Java parses it (unwrapped) and kept as a 16-byte address
        refused(Refused.LOOPBACK, "::ffff:127.0.0.1");
        assertEquals(Refused.LOOPBACK, NONE.refusal(mapped("127.0.0.1")));
        assertEquals(Refused.PRIVATE, NONE.refusal(mapped("10.1.2.3")));
        assertEquals(Refused.LINK_LOCAL, NONE.refusal(mapped("169.254.169.254")));
        assertNull(NONE.refusal(mapped("8.8.8.8")));
        // IPv4-compatible (deprecated): refused whatever it carries
        refused(Refused.IPV4_COMPATIBLE, "::127.0.0.1", "::10.0.0.1", "::8.8.8.8");
        // NAT64 64:ff9b::/96 and 6to4 2002::/16 carry an IPv4 address too
        refused(Refused.LOOPBACK, "64:ff9b::7f00:1", "2002:7f00:1::");
        refused(Refused.LINK_LOCAL, "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1");
        refused(Refused.PRIVATE, "64:ff9b::a00:1", "2002:c0a8:101::1", "64:ff9b:1::1");
        assertNull(NONE.refusal(ip("64:ff9b::808:808")));
        assertNull(NONE.refusal(ip("2002:808:808::1")));
    }

    @Test
    public void allowedRangesOverrideTheRefusal() throws Exception {
        AddressPolicy p = new AddressPolicy(Cidr.parseList("127.0.0.1/32, 10.0.5.0/24 fd00::/8"));
        assertNull(p.refusal(ip("127.0.0.1")));
        assertEquals(Refused.LOOPBACK, p.refusal(ip("127.0.0.2")));
        assertEquals(Refused.LOOPBACK, p.refusal(ip("::1")));
        assertNull(p.refusal(mapped("127.0.0.1")));
        assertNull(p.refusal(ip("10.0.5.0")));
        assertNull(p.refusal(ip("10.0.5.255")));
        assertEquals(Refused.PRIVATE, p.refusal(ip("10.0.6.1")));
        assertEquals(Refused.PRIVATE, p.refusal(ip("10.0.4.255")));
        assertNull(p.refusal(ip("fd12::1")));
        assertEquals(Refused.UNIQUE_LOCAL, p.refusal(ip("fc00::1")));
        // an IPv4 range does not match NAT64 or 6to4 wrappings of its addresses
        assertEquals(Refused.LOOPBACK, p.refusal(ip("64:ff9b::7f00:1")));
    }

    @Test
    public void cidrParsing() throws Exception {
        assertTrue(Cidr.parse("10.0.5.0/24").contains(ip("10.0.5.77")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("127.0.0.1")));
        assertFalse(Cidr.parse("0.0.0.0/0").contains(ip("::1")));
        assertTrue(Cidr.parse("192.168.1.9").contains(ip("192.168.1.9")));
        assertFalse(Cidr.parse("192.168.1.9").contains(ip("192.168.1.8")));
        assertTrue(Cidr.parse("172.16.0.0/12").contains(ip("172.31.0.1")));
        assertFalse(Cidr.parse("172.16.0.0/12").contains(ip("172.32.0.1")));
        assertTrue(Cidr.parse("::1/128").contains(ip("::1")));
        assertEquals(List.of(), Cidr.parseList(null));
        assertEquals(2, Cidr.parseList("127.0.0.1/32,10.0.5.0/24").size());
        for (String bad : List.of("localhost", "10.0.0.0/33", "::/129", "10.0.0.0/x", "1.2.3", "", "/8")) {
            assertThrows(bad, IllegalArgumentException.class, () -> Cidr.parse(bad));
        }
    }
}
