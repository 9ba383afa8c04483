/** Abuse guard: sliding-window failure counts per IP, network and account, Auth-Wait escalation, bans shared through the registry database. */
package io.cphub.proxy.abuse;
