"""Loaded by subprocesses started from the tests: any network socket raises."""
import socket

_real_socket = socket.socket


class _GuardedSocket(_real_socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if family in (socket.AF_INET, socket.AF_INET6):
            raise OSError("network access attempted in a nextround test")
        super().__init__(family, type, proto, fileno)


socket.socket = _GuardedSocket
socket.create_connection = lambda *a, **k: (_ for _ in ()).throw(OSError("network access attempted"))
