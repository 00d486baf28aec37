package io.picloud.manager.impl.rest;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.picloud.api.ManagerHealth;
import io.picloud.api.PlatformInfo;
import io.picloud.api.control.ApiKeyService;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.BindingService;
import io.picloud.api.control.ClusterService;
import io.picloud.api.control.InvocationService;
import io.picloud.api.control.KvService;
import io.picloud.api.control.RateLimiter;
import io.picloud.api.control.RunService;
import io.picloud.api.control.ScriptService;
import io.picloud.api.control.ScriptTestService;
import io.picloud.api.control.SecretService;
import io.picloud.api.control.SessionService;
import io.picloud.api.control.StatsService;
import io.picloud.api.control.UserService;
import io.picloud.manager.impl.ManagerConfig;
import io.picloud.http.api.HttpEndpoint;
import io.picloud.http.api.HttpExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/** The REST API {@code /api/v1/*} on PiCloud's HTTP server: the route table over the control-plane services. */
@Component(service = HttpEndpoint.class, configurationPid = ManagerConfig.PID,
        property = HttpEndpoint.PREFIX + "=" + ApiExchanges.PREFIX)
public class RestEndpoint implements HttpEndpoint {
    private final ApiRouter router;
    private final Authenticator auth;
    private final LiveTail tail;

    @Activate
    public RestEndpoint(@Reference ScriptService scripts, @Reference BindingService bindings,
                        @Reference UserService users, @Reference ApiKeyService keys,
                        @Reference SessionService sessions, @Reference AuditLog audit,
                        @Reference ManagerHealth health, @Reference PlatformInfo platform,
                        @Reference SecretService secrets, @Reference KvService kv,
                        @Reference StatsService stats, @Reference ClusterService cluster,
                        @Reference InvocationService invocations, @Reference ScriptTestService tests,
                        @Reference RunService runs, @Reference RateLimiter limiter, ManagerConfig config) {
        this(scripts, bindings, users, keys, sessions, audit, health, platform, secrets, kv, stats, cluster,
                invocations, tests, runs, config, TimeUnit.SECONDS.toMillis(LiveTail.KEEP_ALIVE_SECONDS));
        auth.setRateLimiter(limiter);
    }

    /** For tests: the live tail's keep-alive every {@code keepAliveMillis}; no per-key rate limit. */
    public RestEndpoint(ScriptService scripts, BindingService bindings, UserService users, ApiKeyService keys,
                        SessionService sessions, AuditLog audit, ManagerHealth health, PlatformInfo platform,
                        SecretService secrets, KvService kv, StatsService stats, ClusterService cluster,
                        InvocationService invocations, ScriptTestService tests, RunService runs,
                        ManagerConfig config, long keepAliveMillis) {
        this.auth = new Authenticator(keys, sessions, proxies(config));
        this.tail = new LiveTail(invocations, keepAliveMillis);
        RouteTable table = new RouteTable();
        new SystemRoutes(platform, health, audit).register(table);
        new SessionRoutes(sessions, users, auth).register(table);
        new UserRoutes(users).register(table);
        new KeyRoutes(keys).register(table);
        new ScriptRoutes(scripts).register(table);
        new SecretRoutes(secrets).register(table);
        new TriggerRoutes(bindings).register(table);
        new KvRoutes(kv).register(table);
        new StatsRoutes(stats).register(table);
        new NodeRoutes(cluster).register(table);
        new OpenApiRoutes().register(table);
        new InvocationRoutes(invocations, tail).register(table);
        new ScriptTestRoutes(tests).register(table);
        new RunRoutes(runs).register(table);
        this.router = new ApiRouter(table, auth, config.maxUploadBytes());
    }

    @Modified
    void modified(ManagerConfig config) {
        router.setMaxBodyBytes(config.maxUploadBytes());
        auth.setTrustedProxies(proxies(config));
    }

    @Deactivate
    void stop() {
        tail.close();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ApiExchanges.ExchangeRequest request = ApiExchanges.request(exchange);
        ApiResponse response = router.handle(request);
        request.discardUnreadBody(router.maxBodyBytes());
        ApiExchanges.respond(exchange, response);
    }

    /** The route table, for the test that compares it with the OpenAPI document. */
    RouteTable routes() {
        return router.routes();
    }

    private static Set<String> proxies(ManagerConfig config) {
        return Arrays.stream(config.trustedProxies().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
