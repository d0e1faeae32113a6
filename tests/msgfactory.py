"""Write minimal Outlook .msg files (Compound File Binary v3 with a mini stream) for tests.

Enough of MS-CFB and MS-OXMSG for extract_msg to read a message: a root entry,
one stream per property (__substg1.0_<tag>) and a __properties_version1.0 stream.
Every stream must be under 4096 bytes, so it lives in the mini stream.
"""
from __future__ import annotations

import struct
from datetime import datetime, timezone
from pathlib import Path

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def utf16(text: str) -> bytes:
    """A PT_UNICODE property value as stored in its stream."""
    return text.encode("utf-16-le")


def filetime(dt: datetime) -> int:
    """A datetime as Windows FILETIME (100 ns ticks since 1601)."""
    return int((dt - datetime(1601, 1, 1, tzinfo=timezone.utc)).total_seconds() * 10**7)


def properties_stream(streams: dict[str, bytes], sent: datetime | None) -> bytes:
    """The top-level __properties_version1.0 stream: a 32-byte header and 16-byte entries."""
    out = bytearray(32)
    for name, data in streams.items():
        tag = int(name[-8:], 16)
        size = len(data) + (2 if name.endswith("001F") else 0)
        out += struct.pack("<IIII", tag, 6, size, 0)
    if sent is not None:
        for tag in (0x00390040, 0x0E060040):  # client submit time, delivery time
            out += struct.pack("<IIQ", tag, 6, filetime(sent))
    return bytes(out)


def dir_entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
    """One 128-byte directory entry (all black, siblings chained to the right)."""
    raw = name.encode("utf-16-le") + b"\x00\x00" if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIQ", raw, len(raw), kind, 1, NOSTREAM, right, child, bytes(16), 0, 0, 0, start, size
    )


def sort_key(name: str) -> tuple[int, str]:
    """CFB sibling order: shorter names first, then case-insensitive."""
    return len(name), name.upper()


def build_cfb(streams: dict[str, bytes]) -> bytes:
    """A CFB v3 file whose root storage holds the given small streams."""
    names = sorted(streams, key=sort_key)
    mini, minifat, starts = bytearray(), [], {}
    for name in names:
        data = streams[name]
        assert len(data) < MINI_CUTOFF, f"{name} too large for the mini stream"
        n = max(1, -(-len(data) // MINI_SECTOR))
        starts[name] = len(minifat)
        minifat += [len(minifat) + i + 1 for i in range(n - 1)] + [ENDOFCHAIN]
        mini += data.ljust(n * MINI_SECTOR, b"\x00")
    n_dir = -(-(len(names) + 1) * 128 // SECTOR)
    n_minifat = -(-len(minifat) * 4 // SECTOR)
    n_mini = -(-len(mini) // SECTOR)
    n_fat = 1
    while n_fat * 128 < n_fat + n_dir + n_minifat + n_mini:
        n_fat += 1
    fat: list[int] = [FATSECT] * n_fat
    first_dir = len(fat)
    for count in (n_dir, n_minifat, n_mini):
        base = len(fat)
        fat += [base + i + 1 for i in range(count - 1)] + [ENDOFCHAIN] if count else []
    first_minifat, first_mini = first_dir + n_dir, first_dir + n_dir + n_minifat
    entries = [dir_entry("Root Entry", 5, NOSTREAM, 1 if names else NOSTREAM, first_mini if mini else ENDOFCHAIN, len(mini))]
    for i, name in enumerate(names, start=1):
        right = i + 1 if i < len(names) else NOSTREAM
        entries.append(dir_entry(name, 2, right, NOSTREAM, starts[name], len(streams[name])))
    directory = b"".join(entries).ljust(n_dir * SECTOR, b"\x00")
    directory = pad_empty_entries(directory, len(entries))
    header = cfb_header(n_fat, first_dir, first_minifat if n_minifat else ENDOFCHAIN, n_minifat)
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat).ljust(n_fat * SECTOR, b"\xff")
    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat).ljust(n_minifat * SECTOR, b"\xff")
    return header + fat_bytes + directory + minifat_bytes + bytes(mini).ljust(n_mini * SECTOR, b"\x00")


def pad_empty_entries(directory: bytes, used: int) -> bytes:
    """Unused directory slots: empty entries whose sibling and child ids are NOSTREAM."""
    empty = struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, bytes(16), 0, 0, 0, 0, 0)
    slots = len(directory) // 128
    return directory[: used * 128] + empty * (slots - used)


def cfb_header(n_fat: int, first_dir: int, first_minifat: int, n_minifat: int) -> bytes:
    """The 512-byte CFB v3 header with the FAT sector ids in its DIFAT array."""
    difat = list(range(n_fat)) + [FREESECT] * (109 - n_fat)
    return (
        MAGIC
        + bytes(16)
        + struct.pack("<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, n_fat, first_dir, 0,
                      MINI_CUTOFF, first_minifat, n_minifat, ENDOFCHAIN, 0)
        + struct.pack("<109I", *difat)
    )


def write_msg(
    path: Path,
    subject: str = "",
    body: str = "",
    html: str | bytes | None = None,
    sender: str = "",
    message_id: str = "",
    message_class: str = "IPM.Note",
    sent: datetime | None = None,
) -> Path:
    """Write a minimal .msg file with these properties and return its path."""
    props = {"001A001F": message_class, "0037001F": subject, "1000001F": body,
             "0C1F001F": sender, "0C1A001F": sender, "1035001F": message_id}
    streams = {f"__substg1.0_{tag}": utf16(value) for tag, value in props.items() if value}
    if isinstance(html, bytes):
        streams["__substg1.0_10130102"] = html
    elif html:
        streams["__substg1.0_1013001F"] = utf16(html)
    streams["__properties_version1.0"] = properties_stream(streams, sent)
    path.write_bytes(build_cfb(streams))
    return path
