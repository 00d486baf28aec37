package io.picloud.shell.impl;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.picloud.api.Role;
import io.picloud.api.control.ApiKeyService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Creates an API key for the shell user and prints it, this once. */
@Service
@Command(scope = "picloud", name = "key-create", description = "Creates an API key (printed once): picloud:key-create ci --role developer --expires 2027-01-01T00:00:00Z")
public class KeyCreateCommand extends ControlCommand {
    static final String ROLE = "--role";
    static final String EXPIRES = "--expires";
    static final String SCRIPT = "--script";

    @Argument(index = 0, name = "name", description = "What the key is for, e.g. ci", required = true)
    String name;

    @Argument(index = 1, name = "options", description = "--role, --expires and --script may also follow the name",
            required = false, multiValued = true)
    List<String> trailing;

    @Option(name = ROLE, aliases = "-r", description = "The key's role, at most yours (default: yours)")
    @Completion(value = StringsCompleter.class, values = {"owner", "admin", "developer", "viewer"})
    String role;

    @Option(name = EXPIRES, aliases = "-e", description = "When the key expires, an ISO-8601 instant such as 2027-01-01T00:00:00Z")
    String expires;

    @Option(name = SCRIPT, aliases = "-s", multiValued = true, description = "Makes an invoke-only key for this script's endpoints (repeatable)")
    @Completion(ScriptNameCompleter.class)
    List<String> scripts;

    @Reference
    ApiKeyService keys;

    @Override
    void run(Principal p) {
        TrailingOptions more = TrailingOptions.parse(trailing, Set.of(),
                Set.of(ROLE, "-r", EXPIRES, "-e", SCRIPT, "-s"));
        String roleId = more.last(ROLE, more.last("-r", role));
        String expiresAt = more.last(EXPIRES, more.last("-e", expires));
        List<String> names = new ArrayList<>(scripts == null ? List.of() : scripts);
        names.addAll(more.all(SCRIPT));
        names.addAll(more.all("-s"));

        Role r = roleId == null ? null : Roles.parse(roleId);
        ApiKeyService.CreatedKey created = keys.create(p, name, r, instant(expiresAt), new LinkedHashSet<>(names));
        ApiKeyService.KeyView k = created.info();
        System.out.println("API key " + k.id() + " (" + k.name() + ", " + k.role().id()
                + (k.expiresAt() == null ? "" : ", expires " + Text.time(k.expiresAt()))
                + (k.scripts().isEmpty() ? "" : ", invokes only " + Text.joined(k.scripts())) + "):");
        System.out.println(created.key());
        System.out.println("It is shown this once: store it now.");
    }

    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid " + EXPIRES + " '" + text
                    + "': use an ISO-8601 instant such as 2027-01-01T00:00:00Z");
        }
    }
}
