/** The cphub registry: entry point and the module's exceptions. */
package io.cphub.registry;
