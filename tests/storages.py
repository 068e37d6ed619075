"""A storage whose disk fills up, for the tests of what a full disk leaves behind."""

import errno
import os

from django.core.files.storage import FileSystemStorage


class FullDisk(FileSystemStorage):
    """Writes the first kilobyte of each file, then fails as a full disk does.

    `room` counts the files that still fit whole (-1: all of them); `errno`
    says how the disk refuses (no space left, or a quota reached).
    """

    room = 0
    errno = errno.ENOSPC

    def save(self, name, content, max_length=None):
        if FullDisk.room != 0:
            FullDisk.room -= 1
            return super().save(name, content, max_length)
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as partial:
            content.seek(0)
            partial.write(content.read(1024))
        raise OSError(FullDisk.errno, os.strerror(FullDisk.errno))
