/** Enrolled cPanel servers: enrolment and tokens, addresses, states, sync age. */
package io.cphub.registry.servers;
