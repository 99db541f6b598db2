"""A queue that goes down and comes back, without touching the shared Redis server: a small
TCP proxy in front of it. Every process of the test (this one, the worker, beat) talks to
Redis through the proxy; ``down()`` closes its port and cuts every open connection, as a
stopped Redis would, and ``up()`` listens on the same port again."""

import contextlib
import socket
import threading
from urllib.parse import urlsplit, urlunsplit


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisOutage:
    def __init__(self, redis_url: str):
        parts = urlsplit(redis_url)
        self.target = (parts.hostname or "127.0.0.1", parts.port or 6379)
        self.port = _free_port()
        self.url = urlunsplit(parts._replace(netloc=f"127.0.0.1:{self.port}"))
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._stop: threading.Event | None = None

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.2)
        self._stop = threading.Event()
        threading.Thread(target=self._accept, args=(listener, self._stop), daemon=True).start()

    def down(self) -> None:
        """Refuse new connections and cut the open ones."""
        if self._stop is not None:
            self._stop.set()
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets.clear()

    def _accept(self, listener: socket.socket, stop: threading.Event) -> None:
        with listener:
            while not stop.is_set():
                try:
                    client, _ = listener.accept()
                except TimeoutError:
                    continue
                except OSError:
                    return
                client.settimeout(None)
                try:
                    upstream = socket.create_connection(self.target, timeout=5)
                    upstream.settimeout(None)
                except OSError:
                    client.close()
                    continue
                with self._lock:
                    if stop.is_set():
                        client.close()
                        upstream.close()
                        return
                    self._sockets.update((client, upstream))
                for source, sink in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:  # one side closed: close the other too, as Redis would
            with self._lock:
                for sock in (source, sink):
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
                    self._sockets.discard(sock)
