/** PostgreSQL access: the pool, SqlObject DAOs with set-based SQL, and the change-feed writer. */
package io.cphub.registry.store;
