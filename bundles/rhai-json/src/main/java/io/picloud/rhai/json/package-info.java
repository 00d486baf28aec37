/**
 * JSON to and from the Rhai engine's Java values ({@code RhaiEngine}'s run results and host-variable inputs).
 * Used by the HTTP trigger (request bodies, answers) and the shell ({@code picloud:invoke}, trigger configs).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.picloud.rhai.json;
