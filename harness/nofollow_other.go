//go:build !linux

package harness

const oNoFollow = 0
