package io.picloud.shell.impl;

import io.picloud.api.control.Principal;
import io.picloud.api.control.ShellPrincipals;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.ShellUtil;

/**
 * The Karaf shell user a command runs for, and their PiCloud principal. The name comes from the JAAS subject the
 * command runs under (its {@code UserPrincipal}: the SSH or {@code bin/client} login, or the local console's
 * subject), else from the session's {@code USER} variable, else the local console's user
 * ({@code karaf.local.user}, default {@code karaf}).
 */
final class ShellUser {
    static final String LOCAL_USER_PROPERTY = "karaf.local.user";
    static final String DEFAULT_LOCAL_USER = "karaf";

    private ShellUser() {
    }

    static String name(Session session) {
        String jaas = jaasUser();
        if (present(jaas)) {
            return jaas;
        }
        Object user = session == null ? null : session.get("USER");
        if (user instanceof String s && present(s)) {
            return s;
        }
        return System.getProperty(LOCAL_USER_PROPERTY, DEFAULT_LOCAL_USER);
    }

    /** The principal of the session's user: FORBIDDEN (an {@code OperationException}) when they may not act. */
    static Principal principal(ShellPrincipals principals, Session session) {
        return principals.of(name(session));
    }

    private static String jaasUser() {
        try {
            return ShellUtil.getCurrentUserName();
        } catch (RuntimeException | LinkageError e) {
            return null; // no subject support in this JVM: fall back to the session's user
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
