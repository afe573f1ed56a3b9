//go:build !linux

package uring

import "github.com/benchrig/benchrig/internal/platform"

// Ring is a placeholder off Linux: New never returns one.
type Ring struct{}

// Probe returns an error wrapping errors.ErrUnsupported (platform.ErrUnsupported).
func Probe() error { return platform.Unsupported("io_uring_setup") }

// New returns an error wrapping errors.ErrUnsupported (platform.ErrUnsupported).
func New(entries uint32, single bool) (*Ring, error) {
	return nil, platform.Unsupported("io_uring_setup")
}

// Entries returns 0: there is no ring off Linux.
func (r *Ring) Entries() uint32 { return 0 }

// RegisterBuffers returns an error wrapping errors.ErrUnsupported.
func (r *Ring) RegisterBuffers(bufs [][]byte) error {
	return platform.Unsupported("io_uring_register")
}

// Queue returns an error wrapping errors.ErrUnsupported.
func (r *Ring) Queue(op Op) error { return platform.Unsupported("io_uring queue") }

// Submit returns an error wrapping errors.ErrUnsupported.
func (r *Ring) Submit(wait uint32) error { return platform.Unsupported("io_uring_enter") }

// Ready reports false.
func (r *Ring) Ready() bool { return false }

// Enters returns 0.
func (r *Ring) Enters() uint64 { return 0 }

// Next reports no completion.
func (r *Ring) Next() (CQE, bool) { return CQE{}, false }

// Close returns an error wrapping errors.ErrUnsupported.
func (r *Ring) Close() error { return platform.Unsupported("io_uring close") }

// Start returns an error wrapping errors.ErrUnsupported.
func (r *Ring) Start() error { return platform.Unsupported("io_uring_register") }

// Flags returns "none".
func (r *Ring) Flags() string { return "none" }

// RawEnter reports false.
func (r *Ring) RawEnter() bool { return false }
