package harness

import (
	"io"

	"github.com/benchrig/benchrig/internal/scratch"
)

// sweep removes what dead runs left in base, as [scratch.Sweep] does:
// only run dirs proven benchrig's and this user's, and only processes
// those runs started. Notes go to log; only an unreadable base is an error.
func sweep(base string, log io.Writer) error { return scratch.Sweep(base, log, nil) }
