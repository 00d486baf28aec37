package io.picloud.shell.impl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import io.picloud.api.User;
import io.picloud.api.control.Principal;
import io.picloud.api.control.UserService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Creates a PiCloud user, with a password typed at a prompt (not echoed) or read from standard input. */
@Service
@Command(scope = "picloud", name = "user-add", description = "Creates a PiCloud user: picloud:user-add alice developer --password")
public class UserAddCommand extends ControlCommand {
    static final String PASSWORD = "--password";
    static final String PASSWORD_STDIN = "--password-stdin";

    @Argument(index = 0, name = "username", description = "[a-z0-9][a-z0-9._-]{0,62}", required = true)
    String username;

    @Argument(index = 1, name = "role", description = "owner, admin, developer or viewer", required = true)
    @Completion(value = StringsCompleter.class, values = {"owner", "admin", "developer", "viewer"})
    String role;

    @Argument(index = 2, name = "options", description = "--password or --password-stdin may also follow the role",
            required = false, multiValued = true)
    List<String> trailing;

    @Option(name = PASSWORD, description = "Prompt for the password (twice, not echoed)")
    boolean prompt;

    @Option(name = PASSWORD_STDIN, description = "Read the password from the first line of standard input")
    boolean stdin;

    @Reference
    UserService users;

    /** Standard input; null: {@code System.in}, which Karaf binds to the command's input. */
    InputStream in;

    @Override
    void run(Principal p) throws IOException {
        TrailingOptions more = TrailingOptions.parse(trailing, Set.of(PASSWORD, PASSWORD_STDIN), Set.of());
        boolean fromPrompt = prompt || more.has(PASSWORD);
        boolean fromStdin = stdin || more.has(PASSWORD_STDIN);
        if (fromPrompt && fromStdin) {
            throw new IllegalArgumentException("Use either " + PASSWORD + " or " + PASSWORD_STDIN + ", not both");
        }
        var r = Roles.parse(role);
        String password = fromPrompt ? prompted() : fromStdin ? firstLine() : null;
        User u = users.create(p, username, password, r);
        System.out.println("Created user " + u.username() + " (" + u.role().id() + ", id " + u.id() + ")"
                + (u.hasPassword() ? "" : "; no password: they use API keys until one is set"));
    }

    private String prompted() throws IOException {
        String first = session.readLine("Password for " + username + ": ", '*');
        if (first == null || first.isEmpty()) {
            throw new IllegalArgumentException("No password entered; nothing created");
        }
        String again = session.readLine("Password again: ", '*');
        if (!first.equals(again)) {
            throw new IllegalArgumentException("The passwords differ; nothing created");
        }
        return first;
    }

    private String firstLine() throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in != null ? in : System.in,
                StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("No password on standard input; nothing created");
        }
        return line;
    }
}
