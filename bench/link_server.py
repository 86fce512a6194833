"""Answers every request with 200 on many ports of 127.0.0.1, for bench/links.sh.

    link_server.py PORTS_FILE COUNT

Listens on COUNT free ports (one per host of the corpus), writes them one per line to
PORTS_FILE, then answers HTTP/1.1 requests (keep-alive) until killed. One asyncio loop: it
answers far faster than the checker asks, so the figures are briefgen's.
"""
import asyncio
import sys

ANSWER = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nContent-Type: text/html\r\n\r\n"


async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            if not head:
                break
            writer.write(ANSWER)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main(ports_file, count):
    servers = [await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024) for _ in range(count)]
    with open(ports_file, "w", encoding="utf-8") as out:
        for server in servers:
            out.write(f"{server.sockets[0].getsockname()[1]}\n")
    await asyncio.gather(*(s.serve_forever() for s in servers))


asyncio.run(main(sys.argv[1], int(sys.argv[2])))
