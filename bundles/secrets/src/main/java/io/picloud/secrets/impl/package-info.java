/** Script secrets: the AES-GCM vault over the store and the {@code secret()} host function. */
package io.picloud.secrets.impl;
