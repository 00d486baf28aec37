package io.picloud.host.http.impl;

import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * The client's only way from a host name to the addresses it connects to: resolves with {@code delegate} (the
 * platform's DNS, or a test's table), then checks every address with the {@link AddressPolicy}. When any address is
 * refused the whole name is refused; otherwise the client connects to exactly the addresses checked here, so there
 * is no second look-up for a DNS rebinding to slip into. Jetty calls this for every new connection, IP literals
 * included, and for each redirect's target (which has its own connection origin).
 */
final class GuardedResolver implements SocketAddressResolver {
    private final SocketAddressResolver delegate;
    private final AddressPolicy policy;

    GuardedResolver(SocketAddressResolver delegate, AddressPolicy policy) {
        this.delegate = delegate;
        this.policy = policy;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        delegate.resolve(host, port, context, new Promise<>() {
            @Override
            public void succeeded(List<InetSocketAddress> addresses) {
                try {
                    promise.succeeded(checked(host, addresses));
                } catch (GuardException e) {
                    promise.failed(e);
                }
            }

            @Override
            public void failed(Throwable x) {
                promise.failed(x);
            }
        });
    }

    /** {@code addresses} when every one may be reached, as fresh resolved socket addresses. */
    List<InetSocketAddress> checked(String host, List<InetSocketAddress> addresses) throws GuardException {
        if (addresses == null || addresses.isEmpty()) {
            throw new GuardException("HostNotFound", "no address for host " + host);
        }
        for (InetSocketAddress a : addresses) {
            if (a.isUnresolved() || a.getAddress() == null) {
                throw new GuardException("HostNotFound", "no address for host " + host);
            }
            AddressPolicy.Refused why = policy.refusal(a.getAddress());
            if (why != null) {
                String shown = isLiteral(host) ? "address " + HostPatterns.normalise(host)
                        : "host " + host + " resolves to " + a.getAddress().getHostAddress() + ", which";
                throw new GuardException("AddressRefused", shown + " is not reachable from scripts (" + why.label
                        + "; an operator may allow it with allowAddresses)");
            }
        }
        return addresses.stream().map(a -> new InetSocketAddress(a.getAddress(), a.getPort())).toList();
    }

    /** Whether {@code host} is an IP address written out (IPv6 with or without brackets, or dotted IPv4). */
    static boolean isLiteral(String host) {
        String h = HostPatterns.normalise(host);
        return h.contains(":") || h.matches("[0-9.]+");
    }
}
