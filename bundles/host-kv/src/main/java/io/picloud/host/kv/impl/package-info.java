/**
 * The {@code kv} host API: {@link io.picloud.host.kv.impl.KvHostPackage} offers {@code kv::get}, {@code set},
 * {@code delete}, {@code incr}, {@code cas} and {@code keys} over the {@link io.picloud.api.KvStore}, with the
 * limits of its configuration; {@link io.picloud.host.kv.impl.ExpiryPurger} deletes expired entries;
 * {@link io.picloud.host.kv.impl.KvJson} maps script values to the stored JSON and back.
 */
package io.picloud.host.kv.impl;
