-- The key every node hashes known-good pairs with (one row, made by the migration).
SELECT key FROM known_good_key
