//go:build !linux

package harness

import "testing"

func mapAndTouch(t *testing.T, path string) func() {
	t.Skip("mmap helper is Linux only")
	return func() {}
}
