/** Sessions follow the mailbox: this server's departures from the registry, and the kicks of the logins that moved. */
package io.cphub.agent.sessions;
