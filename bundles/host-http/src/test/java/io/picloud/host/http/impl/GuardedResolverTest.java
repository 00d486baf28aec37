package io.picloud.host.http.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.Test;

/** What the resolver hands the client: every address checked, all or nothing. No DNS: literals only. */
public class GuardedResolverTest {
    private final GuardedResolver resolver = new GuardedResolver(null,
            new AddressPolicy(Cidr.parseList("127.0.0.1/32")));

    private static InetSocketAddress at(String literal) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(literal), 8080);
    }

    @Test
    public void aNameWithOneRefusedAddressIsRefusedWhole() throws Exception {
        GuardException e = assertThrows(GuardException.class,
                () -> resolver.checked("mixed.test", List.of(at("127.0.0.1"), at("10.0.0.1"))));
        assertEquals("AddressRefused", e.code());
        assertTrue(e.getMessage(), e.getMessage().startsWith("host mixed.test resolves to 10.0.0.1, which is not"));
        assertEquals("AddressRefused", assertThrows(GuardException.class,
                () -> resolver.checked("[::1]", List.of(at("::1")))).code());
    }

    @Test
    public void checkedAddressesAreTheOnesConnectedTo() throws Exception {
        List<InetSocketAddress> ok = resolver.checked("api.test", List.of(at("127.0.0.1")));
        assertEquals(List.of(at("127.0.0.1")), ok);
        assertEquals("HostNotFound", assertThrows(GuardException.class,
                () -> resolver.checked("none.test", List.of())).code());
        assertEquals("HostNotFound", assertThrows(GuardException.class,
                () -> resolver.checked("u.test", List.of(InetSocketAddress.createUnresolved("u.test", 80)))).code());
    }
}
