package harness

import "github.com/benchrig/benchrig/internal/scratch"

// benchDir returns the scratch parent, BENCHRIG_DIR or its default, checked
// (see [scratch.Base]).
func benchDir(create bool) (string, error) { return scratch.Base(create) }

// benchDirFrom is benchDir for the value v of BENCHRIG_DIR.
func benchDirFrom(v string, create bool) (string, error) { return scratch.BaseFrom(v, create) }

// defaultDir returns <os.UserCacheDir()>/benchrig.
func defaultDir() (string, error) { return scratch.DefaultBase() }
