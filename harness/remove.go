package harness

import "github.com/benchrig/benchrig/internal/scratch"

// RemoveAll removes path like os.RemoveAll, but first makes read-only
// directories writable (Go module caches are read-only trees), and never
// follows a symbolic link or descends into another mount (see
// [scratch.RemoveAll]).
func RemoveAll(path string) error { return scratch.RemoveAll(path) }
