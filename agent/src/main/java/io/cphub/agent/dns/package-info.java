/** Points cPanel's per-zone autoconfig/autodiscover records at the central host: plan, apply, journal, rollback. */
package io.cphub.agent.dns;
