/** Reading routes (lookup by login or domain), the conflict list, and operator pins. */
package io.cphub.registry.routes;
