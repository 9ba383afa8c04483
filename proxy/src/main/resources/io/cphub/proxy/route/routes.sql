SELECT domain, server_id FROM route
