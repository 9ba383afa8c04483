"""A minimal SMTP server that accepts every message and appends it to a file.

It is the relay behind the Dovecot submission services, so a message submitted through nginx
can be seen to arrive. Usage: smtp_sink.py PORT OUTFILE
"""
import asyncio
import sys


async def session(reader, writer, out):
    def send(line):
        writer.write(line.encode() + b"\r\n")

    send("220 sink.hoster.test ESMTP")
    await writer.drain()
    while True:
        line = await reader.readline()
        if not line:
            break
        cmd = line.decode("utf-8", "replace").strip().upper()
        if cmd.startswith(("EHLO", "HELO")):
            send("250-sink.hoster.test")
            send("250-8BITMIME")
            send("250 SIZE 52428800")
        elif cmd.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
            send("250 2.0.0 ok")
        elif cmd == "DATA":
            send("354 go ahead")
            await writer.drain()
            data = []
            while True:
                chunk = await reader.readline()
                if not chunk or chunk in (b".\r\n", b".\n"):
                    break
                data.append(chunk)
            with open(out, "ab") as f:
                f.write(b"".join(data) + b"\n--end--\n")
            send("250 2.0.0 queued")
        elif cmd == "QUIT":
            send("221 2.0.0 bye")
            await writer.drain()
            break
        else:
            send("502 5.5.2 not implemented")
        await writer.drain()
    writer.close()


async def main(port, out):
    server = await asyncio.start_server(lambda r, w: session(r, w, out), "127.0.0.1", port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
