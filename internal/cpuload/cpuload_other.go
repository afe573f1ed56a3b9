//go:build !linux

package cpuload

import "github.com/benchrig/benchrig/internal/platform"

// read is unsupported off Linux.
func read() (times, error) { return times{}, platform.ErrUnsupported }
