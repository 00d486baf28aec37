/**
 * Support for trigger plugins that answer HTTP requests through an {@link io.picloud.http.api.HttpEndpoint}
 * (PiCloud's http routes and webhooks use it; a third-party plugin may too): read the request into the maps a
 * script sees ({@link io.picloud.trigger.http.support.HttpTriggers#headers}, {@code query}), fire the binding and
 * wait for its script ({@link io.picloud.trigger.http.support.HttpTriggers#fire}), and answer with its value the way
 * {@code /fn/{name}} does ({@link io.picloud.trigger.http.support.HttpAnswer#of}): a string is text, a map or array
 * JSON, {@code ()} is 204, a map with {@code status} is exactly that; errors are JSON
 * {@code {"error":{"code","message"}}} and every 503 carries {@code Retry-After}. Stateless and thread-safe.
 */
@org.osgi.annotation.versioning.Version("0.3.0")
package io.picloud.trigger.http.support;
