/**
 * A script over HTTP, once for every endpoint that runs scripts for requests: {@code /fn/{name}}, http routes
 * ({@code /r}), webhooks ({@code /hooks}), the manager's "try it" ({@code POST /api/v1/scripts/{name}/test}) and
 * third-party trigger plugins that answer requests. {@link io.picloud.http.script.RequestMaps} builds the
 * {@code request} map a script sees, {@link io.picloud.http.script.ScriptAnswer} turns its value or error into the
 * HTTP answer, {@link io.picloud.http.script.HttpTriggers} fires a binding and waits for that answer. Replaces
 * {@code io.picloud.trigger.http.fn} and {@code io.picloud.trigger.http.support} (bundle
 * {@code io.picloud.trigger.http.support} before 0.8). Stateless and thread-safe.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.picloud.http.script;
