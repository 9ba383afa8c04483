-- Flyway callback (not a versioned migration): runs after every migrate, as the schema owner.
-- The registry reads the applied versions at start to refuse a schema older than it needs.
GRANT SELECT ON ${flyway:defaultSchema}.${flyway:table} TO cphub_registry;
