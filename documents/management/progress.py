"""A progress bar for management commands over many files, on a terminal only.

The bar is drawn on stderr, and only when both stdout and stderr are terminals: output that is
piped or redirected (a JSON report, a log) never holds a bar or its control characters. Lines
the command writes go through :meth:`ProgressBar.write`, which clears the bar first and draws
it again after, so the two never run together."""

import shutil
import sys
import time
from io import TextIOBase
from typing import Self, TextIO


def _is_terminal(stream: TextIO | TextIOBase) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class ProgressBar:
    """``[#####.....]  3/10 bestanden  brief.pdf: pagina 12 van 40  0:42``"""

    REDRAW_EVERY = 0.1  # seconds: a fast run redraws ten times a second, not per page

    def __init__(
        self,
        total: int,
        *,
        unit: str,
        stdout: TextIO | TextIOBase | None = None,
        stderr: TextIO | TextIOBase | None = None,
        enabled: bool | None = None,
    ) -> None:
        self.total = total
        self.unit = unit
        self.done = 0
        self.detail = ""
        self.stdout = stdout or sys.stdout
        stderr = stderr or sys.stderr
        self.enabled = (
            _is_terminal(self.stdout) and _is_terminal(stderr) if enabled is None else enabled
        )
        # Django's OutputWrapper ends every write with a newline: draw on the stream inside.
        self.stream = getattr(stderr, "_out", stderr)
        self.started = time.monotonic()
        self._drawn_at = 0.0
        self._shown = False

    # --- what the command reports ---------------------------------------------------------
    def step(self, detail: str = "") -> None:
        """One more file done; ``detail`` says what comes next."""
        self.done += 1
        self.detail = detail
        self.draw(force=True)

    def note(self, detail: str) -> None:
        """What happens inside the current file now (throttled)."""
        self.detail = detail
        self.draw()

    def write(self, line: str) -> None:
        """A line of the command's own output, on stdout, never mixed with the bar."""
        self.clear()
        self.stdout.write(line)
        if hasattr(self.stdout, "flush"):
            self.stdout.flush()
        self.draw(force=True)

    def close(self) -> None:
        self.clear()

    def __enter__(self) -> Self:
        self.draw(force=True)
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # --- drawing -----------------------------------------------------------------------------
    def line(self, width: int) -> str:
        elapsed = int(time.monotonic() - self.started)
        counts = f"{self.done}/{self.total} {self.unit}"
        clock = f"{elapsed // 60}:{elapsed % 60:02d}"
        bar_width = max(10, min(30, width // 4))
        filled = round(bar_width * self.done / self.total) if self.total else bar_width
        text = f"[{'#' * filled}{'.' * (bar_width - filled)}] {counts}  {clock}"
        if self.detail:
            text += f"  {self.detail}"
        return text[: width - 1]

    def draw(self, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn_at < self.REDRAW_EVERY:
            return
        self._drawn_at = now
        width = shutil.get_terminal_size((80, 24)).columns
        self.stream.write("\r\x1b[K" + self.line(width))
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
