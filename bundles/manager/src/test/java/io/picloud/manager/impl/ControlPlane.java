package io.picloud.manager.impl;

import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import io.picloud.access.ApiKeys;
import io.picloud.access.impl.CachedKeyAuthenticator;
import io.picloud.api.Role;
import io.picloud.api.User;
import io.picloud.api.control.ApiKeyService;
import io.picloud.api.control.AuditLog;
import io.picloud.api.Dispatcher;
import io.picloud.api.control.BindingService;
import io.picloud.api.control.ClusterService;
import io.picloud.api.control.InvocationService;
import io.picloud.api.control.KvService;
import io.picloud.api.control.RunService;
import io.picloud.api.control.ScriptService;
import io.picloud.api.control.SecretService;
import io.picloud.api.control.SessionService;
import io.picloud.api.control.StatsService;
import io.picloud.api.control.UserService;
import io.picloud.manager.impl.rest.RestEndpoint;
import io.picloud.secrets.impl.AesGcmSecretVault;
import io.picloud.store.impl.JdbcApiKeyStore;
import io.picloud.store.impl.JdbcAuditStore;
import io.picloud.store.impl.JdbcBindingStatusStore;
import io.picloud.store.impl.JdbcBindingStore;
import io.picloud.store.impl.JdbcClusterNodeStore;
import io.picloud.store.impl.JdbcInvocationFeed;
import io.picloud.store.impl.JdbcInvocationLog;
import io.picloud.store.impl.JdbcInvocationStats;
import io.picloud.store.impl.JdbcKvStore;
import io.picloud.store.impl.JdbcScriptStore;
import io.picloud.store.impl.JdbcSecretStore;
import io.picloud.store.impl.JdbcSessionStore;
import io.picloud.store.impl.JdbcUserStore;
import io.picloud.store.impl.StoreDatabase;
import io.picloud.trigger.api.TriggerType;

/**
 * The manager's control plane for tests, as DS would wire it: the real stores on a throwaway database (keys
 * listening for NOTIFY), the real services over them and the first owner bootstrapped with {@link #OWNER_KEY}.
 * Public for the REST layer's tests; one per test class.
 */
public final class ControlPlane implements AutoCloseable {
    public static final String OWNER_KEY = "control-plane-test-owner-token-0123456789";

    public final TestDatabase pg;
    public final StoreDatabase store;
    public final ManagerDatabase manager;
    public final JdbcUserStore userStore;
    public final JdbcApiKeyStore keyStore;
    public final JdbcScriptStore scriptStore;
    public final JdbcBindingStore bindingStore;
    public final JdbcInvocationLog invocations;
    public final CachedKeyAuthenticator authenticator;
    private final SessionServiceImpl sessionService;
    private final BindingServiceImpl bindingService;
    public final AuditLog audit;
    public final UserService users;
    public final ApiKeyService keys;
    public final SessionService sessions;
    public final ScriptService scripts;
    public final BindingService bindings;
    public final SecretService secrets;
    public final JdbcKvStore kvStore;
    public final KvService kv;
    public final StatsService stats;
    public final JdbcClusterNodeStore nodeStore;
    public final ClusterService cluster;
    public final JdbcInvocationFeed feed;
    private final InvocationServiceImpl invocationService;
    public final InvocationService invocationQueries;
    private final ScriptTestServiceImpl testService;
    /** The run queue in memory (the real one is the store's, tested there and in RunsIT). */
    public final FakeRunStore runStore;
    public final RunService runs;
    /** The submissions' per-script limiter: admits all unless a test refuses {@link FakeLimiter#refused} scripts. */
    public final FakeLimiter runLimiter = new FakeLimiter();

    public ControlPlane() throws Exception {
        pg = new TestDatabase();
        store = pg.store();
        userStore = new JdbcUserStore(store);
        manager = pg.manager(userStore, OWNER_KEY, null);
        keyStore = new JdbcApiKeyStore(store, pg.dataSource);
        scriptStore = new JdbcScriptStore(store);
        bindingStore = new JdbcBindingStore(store, pg.dataSource);
        invocations = new JdbcInvocationLog(store, 1000, 7, 0);
        authenticator = new CachedKeyAuthenticator(keyStore);
        audit = new AuditService(new JdbcAuditStore(store));
        users = new UserServiceImpl(userStore, audit);
        keys = new ApiKeyServiceImpl(keyStore, scriptStore, audit, authenticator);
        sessionService = new SessionServiceImpl(new JdbcSessionStore(store), userStore, audit, Duration.ofHours(8),
                Duration.ofDays(7));
        sessions = sessionService;
        scripts = new ScriptServiceImpl(scriptStore, new RhaiCompileCheck(), invocations, userStore, audit);
        bindingService = new BindingServiceImpl(bindingStore, scriptStore, audit, new JdbcBindingStatusStore(store));
        bindings = bindingService;
        secrets = new SecretServiceImpl(scriptStore, new AesGcmSecretVault(new JdbcSecretStore(store),
                new SecretKeySpec(new byte[32], "AES"), null, new SecureRandom()), audit);
        kvStore = new JdbcKvStore(store);
        kv = new KvServiceImpl(kvStore, scriptStore, audit);
        stats = new StatsServiceImpl(new JdbcInvocationStats(store), scriptStore, audit);
        nodeStore = new JdbcClusterNodeStore(store);
        cluster = new ClusterServiceImpl(nodeStore);
        feed = new JdbcInvocationFeed(store, pg.dataSource);
        invocationService = new InvocationServiceImpl(invocations, feed, scriptStore, audit, defaults(Map.of()));
        invocationQueries = invocationService;
        testService = new ScriptTestServiceImpl(scriptStore, audit);
        runStore = new FakeRunStore(name -> scriptStore.owner(name).isPresent());
        runs = new RunServiceImpl(runStore, scriptStore, audit, runLimiter, java.time.Clock.systemUTC());
    }

    /** The dispatcher the try-it endpoint runs scripts with, as DS binds it on a node (null: none, as alone). */
    public void dispatcher(Dispatcher dispatcher) {
        testService.setDispatcher(dispatcher);
    }

    /** Sets the most open live tails. */
    public void maxLiveTails(int max) {
        invocationService.modified(defaults(Map.of("maxLiveTails", max)));
    }

    /** Open live-tail watches. */
    public int liveTails() {
        return invocationService.watches();
    }

    /** The REST API over these services, configured with {@code config} over the defaults. */
    public RestEndpoint endpoint(Map<String, Object> config) {
        return endpoint(config, 25_000);
    }

    /** The REST API with the live tail's keep-alive every {@code keepAliveMillis}. */
    public RestEndpoint endpoint(Map<String, Object> config, long keepAliveMillis) {
        return new RestEndpoint(scripts, bindings, users, keys, sessions, audit, manager, store, secrets, kv, stats,
                cluster, invocationService, testService, runs, defaults(config), keepAliveMillis);
    }

    /** A trigger type as if registered with {@code trigger.type=id}. */
    public void addTriggerType(String id, TriggerType type) {
        bindingService.addType(id, type);
    }

    /** A user straight in the store; {@code password} may be null. */
    public User user(String username, Role role, String password) {
        return userStore.create(username, password == null ? null : Passwords.hash(password), role);
    }

    /** A new full API key of {@code user}, straight in the store. */
    public String key(User user) {
        String key = ApiKeys.newKey();
        keyStore.insert(user.id(), "test", ApiKeys.hash(key), ApiKeys.prefix(key), null, null, null);
        return key;
    }

    public User owner() {
        return userStore.findByName(Bootstrap.OWNER_NAME).orElseThrow();
    }

    /** The configuration as DS would give it: defaults, overridden by {@code values} (keys = method names). */
    public static ManagerConfig defaults(Map<String, Object> values) {
        return (ManagerConfig) Proxy.newProxyInstance(ManagerConfig.class.getClassLoader(),
                new Class<?>[] {ManagerConfig.class}, (p, m, a) -> {
                    if (values.containsKey(m.getName())) {
                        return values.get(m.getName());
                    }
                    if (m.getDefaultValue() != null) {
                        return m.getDefaultValue();
                    }
                    if (m.getName().equals("annotationType")) {
                        return ManagerConfig.class;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A rate limiter that refuses the scripts in {@link #refused} (retry after 7 s) and admits everything else. */
    public static final class FakeLimiter implements io.picloud.api.control.RateLimiter {
        public final java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public Admission admitScript(String script) {
            return refused.contains(script) ? new Admission(7) : Admission.ADMITTED;
        }

        @Override
        public boolean limits(String script) {
            return refused.contains(script);
        }

        @Override
        public Admission admitKey(long keyId) {
            return Admission.ADMITTED;
        }
    }

    @Override
    public void close() throws Exception {
        sessionService.deactivate();
        invocationService.stop();
        feed.stop();
        invocations.stop();
        bindingStore.deactivate();
        keyStore.deactivate();
        manager.stop();
        pg.close();
    }
}
