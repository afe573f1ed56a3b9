package platform

import "syscall"

// ONoFollow is O_NOFOLLOW: open fails on a symlink instead of following it.
// The harness opens files it evicts, measures and warms with it, so a file
// replaced by a symlink never sends it outside the scratch tree.
const ONoFollow = syscall.O_NOFOLLOW
