/** Key authentication and endpoint access components. */
package io.picloud.access.impl;
