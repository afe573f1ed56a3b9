// Package peakrss reads the peak resident set size of a finished child
// process from its rusage: on Linux ru_maxrss of wait4, the largest RSS of
// the child or of any descendant it waited for (for the go command: go
// itself, compile, asm or link), in bytes. Elsewhere it returns an error
// wrapping errors.ErrUnsupported, never a zero.
package peakrss
