/** The registry's TLS: server certificate and optional client CA from PEM files, reloaded when they change. */
package io.cphub.registry.tls;
