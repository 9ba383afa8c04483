/** The in-memory route table, its follower of the registry's change feed, and its local file copy. */
package io.cphub.proxy.route;
