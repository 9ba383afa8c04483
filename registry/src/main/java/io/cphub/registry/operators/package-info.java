/** Named operator tokens: added, listed and revoked; the config's admin.token stays the bootstrap credential. */
package io.cphub.registry.operators;
