package io.picloud.shell.impl;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.picloud.api.AuditEntry;
import io.picloud.api.DeployResult;
import io.picloud.api.InvocationRecord;
import io.picloud.api.Role;
import io.picloud.api.ScriptAccess;
import io.picloud.api.ScriptSummary;
import io.picloud.api.ScriptVersion;
import io.picloud.api.User;
import io.picloud.api.control.ApiKeyService;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.BindingService;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.api.control.ScriptService;
import io.picloud.api.control.ShellPrincipals;
import io.picloud.api.control.UserService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.console.History;
import org.apache.karaf.shell.api.console.Registry;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.karaf.shell.api.console.Terminal;

/** Fakes of the control-plane services (our own interfaces) and of a Karaf session, and a console capture. */
final class Fakes {
    private Fakes() {
    }

    /** What a command printed, or the message it failed with. */
    record Run(String out, Exception failure) {
        String message() {
            return failure == null ? null : failure.getMessage();
        }
    }

    static Run run(Action command) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        Exception failure = null;
        try {
            command.execute();
        } catch (Exception e) {
            failure = e;
        } finally {
            System.setOut(saved);
        }
        return new Run(buffer.toString(StandardCharsets.UTF_8), failure);
    }

    static <C extends ControlCommand> C wire(C command, Principals principals, Session session) {
        command.principals = principals;
        command.session = session;
        return command;
    }

    static Principal principal(String name, Role role) {
        return new Principal(1, name, role, 0, Set.of(), Principal.Channel.SHELL, "shell");
    }

    /** Maps every shell user to a principal of {@link #role}, remembering the names asked for. */
    static final class Principals implements ShellPrincipals {
        final List<String> asked = new ArrayList<>();
        Role role = Role.OWNER;
        OperationException refusal;

        @Override
        public Principal of(String shellUser) {
            asked.add(shellUser);
            if (refusal != null) {
                throw refusal;
            }
            return principal(shellUser, role);
        }
    }

    /** A session with a {@code USER} variable and scripted answers to {@code readLine}. */
    static final class FakeSession implements Session {
        final Map<String, Object> variables = new HashMap<>();
        final Deque<String> answers = new ArrayDeque<>();
        final List<String> prompts = new ArrayList<>();
        final List<Character> masks = new ArrayList<>();

        @Override
        public String readLine(String prompt, Character mask) {
            prompts.add(prompt);
            masks.add(mask);
            return answers.poll();
        }

        @Override
        public Object get(String name) {
            return variables.get(name);
        }

        @Override
        public void put(String name, Object value) {
            variables.put(name, value);
        }

        @Override
        public Object execute(CharSequence commandline) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream getKeyboard() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintStream getConsole() {
            return System.out;
        }

        @Override
        public Terminal getTerminal() {
            return null;
        }

        @Override
        public History getHistory() {
            return null;
        }

        @Override
        public Registry getRegistry() {
            return null;
        }

        @Override
        public SessionFactory getFactory() {
            return null;
        }

        @Override
        public String resolveCommand(String name) {
            return name;
        }

        @Override
        public Path currentDir() {
            return Path.of(".");
        }

        @Override
        public void currentDir(Path path) {
        }

        @Override
        public void close() {
        }

        @Override
        public void run() {
        }
    }

    /** Scripts in a map; {@link #refusal} makes every change fail before anything is changed. */
    static final class Scripts implements ScriptService {
        final Map<String, List<ScriptVersion>> versions = new LinkedHashMap<>();
        final List<Principal> callers = new ArrayList<>();
        final Map<String, List<InvocationRecord>> invocations = new HashMap<>();
        OperationException refusal;

        @Override
        public io.picloud.api.ScriptSettings settings(Principal p, String name) {
            return io.picloud.api.ScriptSettings.DEFAULT;
        }

        @Override
        public io.picloud.api.ScriptSettings updateSettings(Principal p, String name,
                                                            io.picloud.api.ScriptSettings settings) {
            return settings;
        }

        void add(String name, String... sources) {
            for (String source : sources) {
                List<ScriptVersion> list = versions.computeIfAbsent(name, k -> new ArrayList<>());
                list.add(0, new ScriptVersion(name, list.size() + 1, "hash" + name + (list.size() + 1), source,
                        Instant.EPOCH));
            }
        }

        private void changing(Principal p) {
            callers.add(p);
            if (refusal != null) {
                throw refusal;
            }
        }

        private List<ScriptVersion> existing(String name) {
            List<ScriptVersion> v = versions.get(name);
            if (v == null) {
                throw OperationException.notFound("no script named " + name);
            }
            return v;
        }

        @Override
        public List<ScriptSummary> list(Principal p) {
            callers.add(p);
            List<ScriptSummary> out = new ArrayList<>();
            for (String name : versions.keySet()) {
                out.add(summary(name));
            }
            return out;
        }

        private ScriptSummary summary(String name) {
            ScriptVersion top = existing(name).get(0);
            return new ScriptSummary(name, top.version(), top.hash(), top.version(), Instant.EPOCH, "alice",
                    ScriptAccess.PUBLIC);
        }

        @Override
        public ScriptDetail get(Principal p, String name) {
            callers.add(p);
            return new ScriptDetail(summary(name), existing(name).get(0));
        }

        @Override
        public DeployResult deploy(Principal p, String name, String source) {
            changing(p);
            boolean created = !versions.containsKey(name);
            add(name, source);
            return new DeployResult(versions.get(name).get(0), created);
        }

        @Override
        public List<ScriptVersion> versions(Principal p, String name) {
            callers.add(p);
            return existing(name);
        }

        @Override
        public ScriptVersion version(Principal p, String name, int version) {
            callers.add(p);
            return existing(name).stream().filter(v -> v.version() == version).findFirst().orElseThrow();
        }

        @Override
        public ScriptVersion rollback(Principal p, String name, int version) {
            changing(p);
            return existing(name).stream().filter(v -> v.version() == version).findFirst()
                    .orElseThrow(() -> OperationException.notFound("script " + name + " has no version " + version));
        }

        @Override
        public void delete(Principal p, String name) {
            changing(p);
            existing(name);
            versions.remove(name);
        }

        @Override
        public ScriptSummary update(Principal p, String name, ScriptAccess access, String ownerName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<InvocationRecord> invocations(Principal p, String name, int limit, int offset) {
            callers.add(p);
            List<InvocationRecord> all;
            if (name == null) { // every script's, newest first, as the invocation log answers
                all = new ArrayList<>();
                invocations.values().forEach(all::addAll);
                all.sort(java.util.Comparator.comparing(InvocationRecord::start).reversed());
            } else {
                existing(name);
                all = invocations.getOrDefault(name, List.of());
            }
            return all.subList(0, Math.min(limit, all.size()));
        }
    }

    /** Bindings as views; {@code create} records its arguments. */
    static final class Bindings implements BindingService {
        final Map<String, BindingView> views = new LinkedHashMap<>();
        final List<Object[]> created = new ArrayList<>();
        final List<Principal> callers = new ArrayList<>();
        OperationException refusal;

        @Override
        public List<BindingView> list(Principal p) {
            callers.add(p);
            return new ArrayList<>(views.values());
        }

        @Override
        public BindingView get(Principal p, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BindingView create(Principal p, String type, String script, Map<String, Object> config,
                                  Boolean enabled) {
            callers.add(p);
            if (refusal != null) {
                throw refusal;
            }
            created.add(new Object[] {type, script, config, enabled});
            BindingView v = new BindingView("b" + (views.size() + 1), type, script, config, enabled, "ACTIVE", null,
                    List.of(), null, p.username());
            views.put(v.id(), v);
            return v;
        }

        @Override
        public BindingView replace(Principal p, String id, String type, String script, Map<String, Object> config,
                                   Boolean enabled) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NextFires nextFires(Principal p, String id, int count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NextFires previewFires(Principal p, String type, Map<String, Object> config, int count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BindingView setEnabled(Principal p, String id, boolean enabled) {
            callers.add(p);
            if (refusal != null) {
                throw refusal;
            }
            BindingView b = views.get(id);
            if (b == null) {
                throw OperationException.notFound("no trigger binding " + id);
            }
            BindingView after = new BindingView(b.id(), b.type(), b.script(), b.config(), enabled,
                    enabled ? "ACTIVE" : "DISABLED", null, List.of(), b.lastFired(), b.owner());
            views.put(id, after);
            return after;
        }

        @Override
        public void delete(Principal p, String id) {
            callers.add(p);
            if (refusal != null) {
                throw refusal;
            }
            if (views.remove(id) == null) {
                throw OperationException.notFound("no trigger binding " + id);
            }
        }

        @Override
        public List<TriggerTypeView> types(Principal p) {
            return List.of(new TriggerTypeView("cron", "Cron", "On a schedule", "{\"type\":\"object\"}"));
        }

        @Override
        public TriggerTypeView type(Principal p, String id) {
            return types(p).stream().filter(t -> t.id().equals(id)).findFirst()
                    .orElseThrow(() -> OperationException.notFound("no trigger type " + id + " is installed"));
        }
    }

    /** Users in a list; records which update method was called. */
    static final class Users implements UserService {
        final List<User> users = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        final List<String> passwords = new ArrayList<>();
        OperationException refusal;

        User add(String name, Role role) {
            User u = new User(users.size() + 1, name, role, true, Instant.EPOCH, false);
            users.add(u);
            return u;
        }

        @Override
        public User create(Principal p, String username, String password, Role role) {
            calls.add("create " + username + " " + role.id());
            if (refusal != null) {
                throw refusal;
            }
            passwords.add(password);
            User u = new User(users.size() + 1, username, role, true, Instant.EPOCH, password != null);
            users.add(u);
            return u;
        }

        @Override
        public List<User> list(Principal p) {
            return List.copyOf(users);
        }

        @Override
        public User get(Principal p, long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public User update(Principal p, long id, Role role, Boolean active, String password) {
            calls.add("update " + id + " " + role + " " + active);
            return change(id, role, active);
        }

        @Override
        public User delete(Principal p, long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public User updatePrivileged(Principal p, long id, Role role, Boolean active) {
            calls.add("updatePrivileged " + id + " " + role + " " + active);
            return change(id, role, active);
        }

        private User change(long id, Role role, Boolean active) {
            if (refusal != null) {
                throw refusal;
            }
            for (int i = 0; i < users.size(); i++) {
                User u = users.get(i);
                if (u.id() == id) {
                    User after = new User(id, u.username(), role == null ? u.role() : role,
                            active == null ? u.active() : active, u.createdAt(), u.hasPassword());
                    users.set(i, after);
                    return after;
                }
            }
            throw OperationException.notFound("no user with id " + id);
        }

        @Override
        public User me(Principal p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public User updateMe(Principal p, String username, String password, String currentPassword) {
            throw new UnsupportedOperationException();
        }
    }

    /** Keys in a list; {@code create} records its arguments. */
    static final class Keys implements ApiKeyService {
        final List<KeyView> keys = new ArrayList<>();
        final List<Object[]> created = new ArrayList<>();
        final List<Long> revoked = new ArrayList<>();

        @Override
        public java.util.Optional<Principal> authenticate(String key, String address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CreatedKey create(Principal p, String name, Role role, Instant expiresAt, Set<String> scripts) {
            created.add(new Object[] {name, role, expiresAt, scripts});
            KeyView v = new KeyView(keys.size() + 1, p.username(), name, role == null ? p.role() : role, "pc_ab12",
                    Instant.EPOCH, expiresAt, null, false, scripts);
            keys.add(v);
            return new CreatedKey("pc_ab12secret", v);
        }

        @Override
        public List<KeyView> list(Principal p) {
            return List.copyOf(keys);
        }

        @Override
        public void revoke(Principal p, long id) {
            if (keys.stream().noneMatch(k -> k.id() == id)) {
                throw OperationException.notFound("no API key with id " + id);
            }
            revoked.add(id);
        }
    }

    /** An audit log that answers with fixed entries and records the filters asked for. */
    static final class Audit implements AuditLog {
        final List<AuditEntry> entries = new ArrayList<>();
        final List<Object[]> queries = new ArrayList<>();

        @Override
        public void record(Principal p, String action, String target, String outcome, String detail) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<AuditEntry> query(Principal p, String actor, String action, String target, Long before,
                                      int limit) {
            queries.add(new Object[] {p, actor, action, target, before, limit});
            if (!p.role().equals(Role.OWNER) && !p.role().equals(Role.ADMIN)) {
                throw OperationException.forbidden("only admins and owners read the audit log");
            }
            return entries;
        }
    }
}
