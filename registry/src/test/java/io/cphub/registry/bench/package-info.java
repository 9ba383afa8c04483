/** The registry benchmark (run with -Pbench; not part of verify). */
package io.cphub.registry.bench;
