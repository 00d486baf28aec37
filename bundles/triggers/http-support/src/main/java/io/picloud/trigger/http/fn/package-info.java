/**
 * The {@code /fn/{name}} contract, shared by the {@code /fn} endpoint ({@code io.picloud.trigger.http}) and the
 * manager's "try it" ({@code POST /api/v1/scripts/{name}/test}), so that both build the same {@code request} map
 * ({@link io.picloud.trigger.http.fn.RequestMaps}) and answer a script's value with the same HTTP
 * ({@link io.picloud.trigger.http.fn.FnAnswer}). Stateless and thread-safe.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package io.picloud.trigger.http.fn;
