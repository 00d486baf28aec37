package io.picloud.api.control;

/**
 * The check of a script endpoint's access ({@code /fn/{name}}, http routes) on the request path: answers from
 * caches kept current through the database's notifications, never a database round trip per request.
 */
@org.osgi.annotation.versioning.ProviderType
public interface EndpointAccess {
    enum Decision { ALLOW, UNAUTHENTICATED, FORBIDDEN }

    /** {@code key} is the bearer or {@code ?key=} value, null when none was sent. */
    Decision check(String script, String key);
}
