#!/usr/bin/env python3
"""Server CPU spent on a request head trickled one small packet at a time (slowloris-style).

    python3 bench/trickle.py HOST:PORT PID [--bytes 15000] [--chunk 1] [--pause-us 100]

Opens one connection (TCP_NODELAY), sends a request head of about --bytes bytes in --chunk-byte
packets with --pause-us microseconds between them (so the server wakes up for nearly every packet),
then the final empty line, waits for the status line, and prints the CPU seconds the server process
PID used meanwhile (utime + stime from /proc/PID/stat). A parser that re-reads the whole head on
every packet costs O(n^2) here; an incremental one O(n). The server must allow a header section
of --bytes (the default limit is 16 KiB). Standard library only.
"""
import argparse
import os
import socket
import time


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("address", help="HOST:PORT of the server")
    parser.add_argument("pid", type=int, help="server process id")
    parser.add_argument("--bytes", type=int, default=15000)
    parser.add_argument("--chunk", type=int, default=1)
    parser.add_argument("--pause-us", type=int, default=100)
    args = parser.parse_args()
    host, port = args.address.rsplit(":", 1)

    head = b"GET / HTTP/1.1\r\nHost: x\r\n"
    index = 0
    while len(head) < args.bytes:
        head += b"X-Trickle-%05d: %s\r\n" % (index, b"v" * 20)
        index += 1
    cpu_before = cpu_seconds(args.pid)
    started = time.time()
    connection = socket.create_connection((host, int(port)))
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    for offset in range(0, len(head), args.chunk):
        connection.sendall(head[offset:offset + args.chunk])
        time.sleep(args.pause_us / 1e6)
    connection.sendall(b"\r\n")
    status = connection.recv(64).split(b"\r\n", 1)[0].decode(errors="replace")
    print(f"{len(head)} header bytes in {args.chunk}-byte packets: {status!r}; "
          f"wall {time.time() - started:.2f} s, server CPU {cpu_seconds(args.pid) - cpu_before:.2f} s")


if __name__ == "__main__":
    main()
