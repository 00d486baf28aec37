package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.fail;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.picloud.api.Role;
import io.picloud.api.control.ApiKeyService;
import io.picloud.api.control.Principal;
import io.picloud.api.control.RateLimiter;
import io.picloud.api.control.SessionService;
import org.junit.Test;

/** The per-key rate limit of the REST API: a key beyond its limit is 429 with Retry-After. */
public class AuthenticatorRateLimitTest {
    private final Principal alice = new Principal(1, "alice", Role.DEVELOPER, 42, Set.of(), Principal.Channel.KEY,
            null);
    private final ApiKeyService keys = (ApiKeyService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{ApiKeyService.class}, (p, m, a) -> m.getName().equals("authenticate")
                    ? Optional.of(alice) : null);
    private final SessionService sessions = (SessionService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{SessionService.class}, (p, m, a) -> null);
    private long refusedKey = -1;
    private final RateLimiter limiter = new RateLimiter() {
        @Override
        public Admission admitScript(String script) {
            return Admission.ADMITTED;
        }

        @Override
        public boolean limits(String script) {
            return false;
        }

        @Override
        public Admission admitKey(long keyId) {
            return keyId == refusedKey ? new Admission(3) : Admission.ADMITTED;
        }
    };

    private static ApiRequest withKey() {
        return new ApiRequest() {
            @Override public String method() { return "GET"; }
            @Override public String path() { return "/scripts"; }
            @Override public String header(String name) {
                return name.equals("Authorization") ? "Bearer pc_whatever" : null;
            }
            @Override public String query(String name) { return null; }
            @Override public byte[] body(int limit) { return new byte[0]; }
            @Override public String remoteAddress() { return "10.0.0.1"; }
        };
    }

    @Test
    public void aKeyWithinItsLimitPassesAndOneBeyondIs429() {
        Authenticator auth = new Authenticator(keys, sessions, Set.of());
        auth.setRateLimiter(limiter);
        assertSame(alice, auth.authenticate(withKey(), "GET"));
        refusedKey = 42;
        try {
            auth.authenticate(withKey(), "GET");
            fail("refused");
        } catch (ApiException e) {
            assertEquals(429, e.status);
            assertEquals("rate_limited", e.code);
            assertEquals(Map.of("Retry-After", "3"), e.headers);
            ApiResponse r = ApiErrors.map(e, "GET", "/scripts");
            assertEquals(429, r.status());
        }
    }

    @Test
    public void withoutALimiterKeysAreNotLimited() {
        refusedKey = 42;
        assertSame(alice, new Authenticator(keys, sessions, Set.of()).authenticate(withKey(), "GET"));
    }
}
