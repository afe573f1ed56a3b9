"""evict.py PATH...: drop each file under PATH (or PATH itself) from the
page cache with POSIX_FADV_DONTNEED, as benchrig's cold does (harness.Cold,
without its syncfs and residency proof). Used by claimtools.sh."""
import os
import sys


def each(path):
    if os.path.isfile(path):
        yield path
        return
    for root, _, files in os.walk(path):
        for f in files:
            yield os.path.join(root, f)


for arg in sys.argv[1:]:
    for p in each(arg):
        fd = os.open(p, os.O_RDONLY)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
