package io.picloud.api.control;

/** The principal of a Karaf shell user: the PiCloud user of the same name (see docs/security.md). */
@org.osgi.annotation.versioning.ProviderType
public interface ShellPrincipals {
    /** @throws OperationException FORBIDDEN when the shell user maps to no active PiCloud user */
    Principal of(String shellUser);
}
