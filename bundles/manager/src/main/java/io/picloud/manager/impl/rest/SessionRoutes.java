package io.picloud.manager.impl.rest;

import java.util.Map;

import io.picloud.api.control.Principal;
import io.picloud.api.control.SessionService;
import io.picloud.api.control.SessionService.NewSession;
import io.picloud.api.control.UserService;

/**
 * {@code /session}: log in (open), who am I with the CSRF token again (open: nobody, {@code "user": null}, when no
 * key is sent and no live session cookie, so the dashboard asks without an error answer), log out.
 */
final class SessionRoutes {
    private final SessionService sessions;
    private final UserService users;
    private final Authenticator auth;

    SessionRoutes(SessionService sessions, UserService users, Authenticator auth) {
        this.sessions = sessions;
        this.users = users;
        this.auth = auth;
    }

    void register(RouteTable t) {
        t.open("POST", "/session", this::login)
                .open("GET", "/session", this::current)
                .add("DELETE", "/session", this::logout);
    }

    private ApiResponse login(Call c) {
        Bodies.Login b = c.body(Bodies.Login.class);
        if (b.username() == null || b.password() == null) {
            throw ApiException.badRequest(b.username() == null ? "username" : "password",
                    "send {\"username\": ..., \"password\": ...}");
        }
        NewSession s = sessions.login(b.username(), b.password(), auth.clientAddress(c.request()));
        String cookie = Authenticator.COOKIE + "=" + s.token() + "; Path=/; HttpOnly; SameSite=Strict"
                + (auth.secure(c.request()) ? "; Secure" : "");
        return new ApiResponse(200, Map.of("Set-Cookie", cookie),
                new Bodies.Session(Bodies.UserBody.of(users.me(s.principal())), s.csrfToken()));
    }

    private ApiResponse current(Call c) {
        ApiRequest req = c.request();
        if (req.header("Authorization") != null) {
            return ApiResponse.ok(new Bodies.Session(Bodies.UserBody.of(users.me(auth.authenticate(req, "GET"))),
                    null));
        }
        String token = Authenticator.sessionToken(req);
        Principal p = token == null ? null : sessions.authenticate(token, auth.clientAddress(req));
        if (p == null) {
            return ApiResponse.ok(new Bodies.Session(null, null));
        }
        return ApiResponse.ok(new Bodies.Session(Bodies.UserBody.of(users.me(p)), sessions.csrfToken(token)));
    }

    private ApiResponse logout(Call c) {
        sessions.logout(c.principal(), Authenticator.sessionToken(c.request()));
        String cookie = Authenticator.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
                + (auth.secure(c.request()) ? "; Secure" : "");
        return new ApiResponse(204, Map.of("Set-Cookie", cookie), null);
    }
}
