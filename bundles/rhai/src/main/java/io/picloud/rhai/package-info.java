/**
 * Public API of the PiCloud Rhai engine: compile Rhai source once, run it many times under limits.
 * Holds no OSGi types; the implementation lives in {@code io.picloud.rhai.impl} and is private.
 */
@org.osgi.annotation.versioning.Version("0.4.0")
package io.picloud.rhai;
