package io.picloud.api.control;

/**
 * Browser sessions: log in with username and password, a token for the cookie and a CSRF token derived from it.
 * After five failed logins for one username or from one address within 15 minutes, further attempts are
 * TOO_MANY, right password or not.
 */
@org.osgi.annotation.versioning.ProviderType
public interface SessionService {
    NewSession login(String username, String password, String address);

    /** The session's principal, or null when the token is unknown or expired. */
    Principal authenticate(String token, String address);

    /** The CSRF token that belongs to a session token. */
    String csrfToken(String token);

    void logout(Principal p, String token);

    /** {@code token} goes into the cookie; {@code csrfToken} into the X-CSRF-Token header of changes. */
    record NewSession(String token, String csrfToken, Principal principal) {
    }
}
