package harness

import "syscall"

const oNoFollow = syscall.O_NOFOLLOW
