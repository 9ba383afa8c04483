SELECT username, server_id FROM account_route
