/** Operators' view of the proxies' shared ban table: list bans, lift one (NOTIFYed to every proxy, audited). */
package io.cphub.registry.bans;
