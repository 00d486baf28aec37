/** The API key format, shared by the key authenticator and the manager that creates keys. */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.picloud.access;
