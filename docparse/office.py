"""Old Word formats (.doc, .wps, .rtf) through LibreOffice headless: converted to .docx in a
private temporary directory with its own profile, under a time limit, then read as .docx."""

from __future__ import annotations

import functools
import os
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from . import children
from .children import PREEXEC
from .errors import ConverterMissingError, DamagedFileError, EncryptedFileError, ParseTimeoutError
from .limits import Deadline, Limits

_WORD_MAGIC = 0xA5EC
_F_ENCRYPTED = 0x0100


@functools.lru_cache(maxsize=1)
def soffice_path() -> Optional[str]:
    """The LibreOffice executable, if installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice",
                      "/opt/libreoffice/program/soffice",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if os.path.exists(candidate):
            return candidate
    return None


def check_word_binary(data: bytes) -> None:
    """Raise EncryptedFileError for a password-protected Word 97–2003 file (FIB fEncrypted)."""
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            if not ole.exists("WordDocument"):
                return
            head = ole.openstream("WordDocument").read(12)
    except (OSError, ValueError, IndexError):
        raise DamagedFileError("文件已损坏：OLE 复合文档结构无法读取")
    if len(head) < 12:
        raise DamagedFileError("文件已损坏：Word 文档头不完整")
    ident, = struct.unpack_from("<H", head, 0)
    flags, = struct.unpack_from("<H", head, 10)
    if ident == _WORD_MAGIC and flags & _F_ENCRYPTED:
        raise EncryptedFileError()


def convert_to_docx(data: bytes, ext: str, limits: Limits, deadline: Deadline) -> bytes:
    """Convert .doc/.wps/.rtf bytes to .docx bytes with LibreOffice."""
    exe = soffice_path()
    if exe is None:
        raise ConverterMissingError()
    timeout = max(1.0, min(limits.converter_seconds, deadline.remaining()))
    with tempfile.TemporaryDirectory(prefix="sifeng-convert-") as tmp:
        # Absolute: LibreOffice is run from inside the folder and its profile is given as a file URI
        # (a relative TMPDIR, such as a batch's `--out screen-out/.work/tmp`, broke both).
        tmp = str(Path(tmp).resolve())
        tmp_path = Path(tmp)
        # A fixed, harmless name: the user's file name never reaches the command line.
        source = tmp_path / f"input.{ext}"
        source.write_bytes(data)
        out_dir = tmp_path / "out"
        command = [
            exe, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
            "--nolockcheck", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(source),
        ]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   cwd=tmp, start_new_session=True, preexec_fn=PREEXEC,
                                   env={**os.environ, "HOME": tmp})
        children.started(process.pid)
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ParseTimeoutError(f"LibreOffice 转换超时（超过 {timeout:.0f} 秒）") from exc
        result = out_dir / "input.docx"
        if not result.exists():
            detail = stderr.decode("utf-8", "replace").strip()[-200:]
            raise DamagedFileError("LibreOffice 无法转换此文件，文件可能已损坏或设有密码"
                                   + (f"（{detail}）" if detail else ""))
        return result.read_bytes()
