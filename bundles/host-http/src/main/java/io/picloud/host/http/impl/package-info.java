/**
 * The http host API: {@link io.picloud.host.http.impl.HttpHostPackage} (the DS component and its configuration),
 * {@link io.picloud.host.http.impl.OutboundHttp} (the guarded Jetty client), {@link
 * io.picloud.host.http.impl.AddressPolicy} and {@link io.picloud.host.http.impl.GuardedResolver} (which addresses a
 * connection may reach), {@link io.picloud.host.http.impl.HostPatterns} (host allow-lists). Private to the bundle.
 */
package io.picloud.host.http.impl;
