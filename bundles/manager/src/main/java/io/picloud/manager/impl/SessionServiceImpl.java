package io.picloud.manager.impl;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.picloud.api.Role;
import io.picloud.api.SessionStore;
import io.picloud.api.StoredSession;
import io.picloud.api.User;
import io.picloud.api.UserStore;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.api.control.SessionService;
import io.picloud.store.sql.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SessionService}: sessions in PostgreSQL (hashed tokens; valid on every node), idle and absolute expiry,
 * the CSRF token derived from the session token (so it can be handed out again after a page reload without
 * storing it), and the login throttle: {@link #MAX_FAILURES} failures per username or per address within
 * {@link #WINDOW} block further attempts, right or wrong, until the oldest of them leaves the window.
 */
@Component(service = SessionService.class, configurationPid = ManagerConfig.PID)
public class SessionServiceImpl implements SessionService {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(SessionServiceImpl.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionStore sessions;
    private final UserStore users;
    private final AuditLog audit;
    private final ScheduledExecutorService purger;
    private volatile Duration idle;
    private volatile Duration absolute;

    @Activate
    public SessionServiceImpl(@Reference SessionStore sessions, @Reference UserStore users,
                              @Reference AuditLog audit, ManagerConfig config) {
        this(sessions, users, audit, Duration.ofMinutes(config.sessionIdleMinutes()),
                Duration.ofHours(config.sessionAbsoluteHours()));
    }

    SessionServiceImpl(SessionStore sessions, UserStore users, AuditLog audit, Duration idle, Duration absolute) {
        this.sessions = sessions;
        this.users = users;
        this.audit = audit;
        this.idle = idle;
        this.absolute = absolute;
        this.purger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "picloud-session-purge");
            t.setDaemon(true);
            return t;
        });
        purger.scheduleWithFixedDelay(this::purge, 5, 360, TimeUnit.MINUTES);
    }

    @Modified
    void modified(ManagerConfig config) {
        idle = Duration.ofMinutes(config.sessionIdleMinutes());
        absolute = Duration.ofHours(config.sessionAbsoluteHours());
    }

    @Deactivate
    void deactivate() {
        purger.shutdownNow();
    }

    @Override
    public NewSession login(String username, String password, String address) {
        String name = username == null ? "" : username;
        String from = address == null ? "" : address;
        Principal attempt = new Principal(0, name, Role.VIEWER, 0, Set.of(), Principal.Channel.SESSION, address);
        Instant since = Instant.now().minus(WINDOW);
        long[] failures = sessions.failedLogins(name, from, since);
        if (failures[0] >= MAX_FAILURES || failures[1] >= MAX_FAILURES) {
            long wait = sessions.oldestFailure(name, from, since)
                    .map(t -> Duration.between(Instant.now(), t.plus(WINDOW)).toSeconds() + 1).orElse(60L);
            audit.record(attempt, "session.login", "user:" + name, "throttled", null);
            throw new OperationException(OperationException.Kind.TOO_MANY, "too_many_attempts",
                    "too many failed logins; try again in " + Math.max(1, wait) + " s", null, Math.max(1, wait),
                    null);
        }
        Optional<String> hash = users.passwordHash(name);
        if (!Passwords.verify(password == null ? "" : password, hash.orElse(null))) {
            sessions.recordFailedLogin(name, from);
            audit.record(attempt, "session.login", "user:" + name, "failed", null);
            throw new OperationException(OperationException.Kind.UNAUTHENTICATED, "bad_credentials",
                    "wrong username or password");
        }
        User u = users.findByName(name).orElseThrow(() -> new OperationException(
                OperationException.Kind.UNAUTHENTICATED, "bad_credentials", "wrong username or password"));
        String token = newToken();
        sessions.create(u.id(), Sql.sha256Hex(token));
        Principal p = new Principal(u.id(), u.username(), u.role(), 0, Set.of(), Principal.Channel.SESSION, address);
        audit.record(p, "session.login", "user:" + name, "ok", null);
        LOG.info("User {} logged in from {}", name, from);
        return new NewSession(token, csrfToken(token), p);
    }

    @Override
    public Principal authenticate(String token, String address) {
        if (token == null || token.length() < 20 || token.length() > 200) {
            return null;
        }
        Optional<StoredSession> s = sessions.find(Sql.sha256Hex(token), idle, absolute);
        return s.map(x -> new Principal(x.userId(), x.username(), x.role(), 0, Set.of(), Principal.Channel.SESSION,
                address)).orElse(null);
    }

    @Override
    public String csrfToken(String token) {
        byte[] digest = Sql.sha256(("picloud-csrf:" + token).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    @Override
    public void logout(Principal p, String token) {
        if (p != null) {
            Authz.read(p); // an invoke-only key does nothing on the control plane, logging out included
        }
        if (token != null) {
            sessions.delete(Sql.sha256Hex(token));
        }
        audit.record(p, "session.logout", p == null ? null : "user:" + p.username(), "ok", null);
    }

    private void purge() {
        try {
            sessions.purge(absolute, WINDOW);
        } catch (RuntimeException e) {
            LOG.debug("Sessions not purged: {}", e.toString());
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
