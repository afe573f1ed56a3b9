//go:build !linux

package platform

// ONoFollow is 0 off Linux: the harness's calls that open files with it
// (eviction, residency) return an error wrapping [ErrUnsupported] there
// before the flag would matter, and a plain open is what is left for Warm.
const ONoFollow = 0
