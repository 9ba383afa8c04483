/** The durable hook-event spool: files stay until the registry accepted the change they caused. */
package io.cphub.agent.spool;
