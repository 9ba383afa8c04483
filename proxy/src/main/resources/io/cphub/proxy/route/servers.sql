SELECT id, name, host(address) AS address, imap_port, pop3_port, smtp_port, state FROM server
